using System.Globalization;
using ScoreCockpit.Engine.Warehouse.Import;

namespace ScoreCockpit.Cli.Warehouse;

/// <summary>
/// What `import-csv` prints on success: rows, the decimal separator when it is not the usual point, the columns with their
/// types, renamed headers, rejected lines.
/// </summary>
public static class ImportSummary
{
    public static async Task WriteAsync(TextWriter output, CsvImportResult result, string warehouse, int maxRejected)
    {
        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv,
            $"{(result.ReplacedExistingTable ? "Replaced" : "Created")} table {result.Table} in warehouse {warehouse}: " +
            $"{result.RowsImported:N0} rows, {result.Columns.Count} columns, in {result.Duration.TotalSeconds:0.00} s " +
            $"(delimiter {Describe(result.Delimiter)})."));

        // Reading decimals as always (a point, not asked for) needs no line; a comma, or a choice made on the command line, does.
        if (result.Decimal != CsvDecimalDecision.Point)
        {
            await output.WriteLineAsync($"Decimal separator: {result.Decimal.Describe()}.");
        }

        await output.WriteLineAsync();

        string[][] rows =
        [
            ["COLUMN", "TYPE", "NULLS", "NOTE"],
            .. result.Columns.Select(c => new[]
            {
                c.Name, c.DatabaseType, c.NullCount.ToString("N0", inv),
                string.Join("; ", new[] { c.Header != c.Name ? $"header \"{c.Header}\"" : null, c.Note }.OfType<string>()),
            }),
        ];
        var widths = Enumerable.Range(0, 3).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = $"  {row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadLeft(widths[2])}  {row[3]}";
            await output.WriteLineAsync(line.TrimEnd());
        }

        if (result.RejectedLineCount == 0)
        {
            return;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(inv,
            $"Rejected {result.RejectedLineCount:N0} malformed lines (at most {maxRejected:N0} allowed); they were not imported:"));
        foreach (var rejected in result.RejectedLines)
        {
            await output.WriteLineAsync($"  {rejected}");
        }

        var unlisted = result.RejectedLineCount - result.RejectedLines.Sum(r => r.LineCount);
        if (unlisted > 0)
        {
            await output.WriteLineAsync(string.Create(inv, $"  … and {unlisted:N0} more lines."));
        }
    }

    private static string Describe(char delimiter) => delimiter == '\t' ? "tab" : $"'{delimiter}'";
}
