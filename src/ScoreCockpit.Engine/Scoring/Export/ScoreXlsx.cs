using System.Runtime.CompilerServices;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using ScoreCockpit.Engine.Reporting;

namespace ScoreCockpit.Engine.Scoring.Export;

/// <summary>
/// XLSX through MiniExcel, which writes each sheet's XML straight into the zip as the rows arrive (nothing is held per
/// row). A sheet holds at most <c>sheetRows</c> customers, Excel's limit, so a larger score continues on "scores 2"…
/// Scores, ranks, deciles, percentiles and versions are numeric cells; the key stays text (leading zeros survive).
/// </summary>
internal static class ScoreXlsx
{
    public const string SheetName = "scores";

    public static async Task<long> WriteAsync(
        IAsyncEnumerable<ScoreRow> rows, string key, long total, int sheetRows, Stream output, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sheetRows, 1);
        var sheetCount = Math.Max(1, (int)((total + sheetRows - 1) / sheetRows));
        await using var source = rows.GetAsyncEnumerator(ct);
        var written = new StrongBox<long>();

        // MiniExcel enumerates the sheets in order, so each lazily takes the next slice of the one reader.
        var sheets = new Dictionary<string, object>(sheetCount);
        for (var i = 1; i <= sheetCount; i++)
        {
            sheets.Add(i == 1 ? SheetName : $"{SheetName} {i}", SliceAsync(source, key, sheetRows, written));
        }

        // The reference date stays a date cell (Excel sorts and filters it), shown in the cockpit's one date style.
        var configuration = new OpenXmlConfiguration
        {
            FastMode = false,
            EnableAutoWidth = false,
            DynamicColumns = [new DynamicExcelColumn(ScoreRows.Header(key)[6]) { Format = CockpitDates.Current.ExcelDay }],
        };
        await using var deferring = new SyncWriteDeferringStream(output);
        await deferring.SaveAsAsync(sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: ct);
        await deferring.DrainAsync(ct);
        return written.Value;
    }

    private static async IAsyncEnumerable<Dictionary<string, object>> SliceAsync(
        IAsyncEnumerator<ScoreRow> source, string key, int take, StrongBox<long> written)
    {
        var names = ScoreRows.Header(key);

        // One dictionary reused: MiniExcel writes a row's cells before it asks for the next row.
        var cells = new Dictionary<string, object>(names.Count);
        for (var n = 0; n < take && await source.MoveNextAsync(); n++)
        {
            var row = source.Current;
            cells[names[0]] = row.Key;
            cells[names[1]] = row.Score;
            cells[names[2]] = row.Rank;
            cells[names[3]] = row.Decile;
            cells[names[4]] = row.Percentile;
            cells[names[5]] = row.Version;
            cells[names[6]] = row.ReferenceDate.ToDateTime(TimeOnly.MinValue);
            written.Value++;
            yield return cells;
        }
    }
}
