namespace ScoreCockpit.Cli.Hosting;

/// <summary>Plain aligned columns for terminal output; the last column is not padded.</summary>
public static class TextTable
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, header.Count - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max())
            .ToArray();
        foreach (var row in rows.Prepend([.. header]))
        {
            var cells = row.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell);
            await output.WriteLineAsync(string.Join("  ", cells).TrimEnd());
        }
    }
}
