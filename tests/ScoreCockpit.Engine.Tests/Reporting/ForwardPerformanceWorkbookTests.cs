using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Evaluation;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Reporting;

/// <summary>The forward-performance workbook and the report's sheet of the same name, read back with ClosedXML and from the file's XML.</summary>
public sealed class ForwardPerformanceWorkbookTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Vic = Actor.Of("vic@example.com", Roles.Viewer);

    private static readonly string[] Headers =
    [
        "Date", "Version", "Chosen by", "AUC", "AUC lower 95 %", "AUC upper 95 %", "Lift 10 %", "Lift 10 % lower 95 %", "Lift 10 % upper 95 %",
        "Best other version", "Best other challenger", "Best other kind", "Best other AUC", "AUC minus best other", "Thin", "Note",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_sheet_with_frozen_headers_and_the_table_s_figures_as_numbers_to_the_last_digit()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await ForwardPerformanceTests.BuildHistoryAsync(store);
        var table = await store.Get<ForwardPerformance>().HandleAsync("churn", Ct);
        var workbook = store.Get<ForwardPerformanceWorkbook>();
        using var file = new MemoryStream();

        await workbook.WriteAsync("churn", file, Vic, Ct);

        using var book = new XLWorkbook(new MemoryStream(file.ToArray()));
        var sheet = Assert.Single(book.Worksheets);
        Assert.Equal("Forward performance", sheet.Name);
        Assert.Equal(Headers, Enumerable.Range(1, Headers.Length).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal((1, 1), (sheet.SheetView.SplitRow, sheet.SheetView.SplitColumn));
        var raw = RawNumbers(file.ToArray(), sheet.Name);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var (row, r) = (table.Rows[i], 2 + i);
            Assert.Equal(row.Date, DateOnly.FromDateTime(sheet.Cell(r, 1).GetDateTime()));
            foreach (var (column, value, format) in new[]
            {
                (2, (double?)row.Version, "\"v\"0"), (4, row.Auc, "0.000"), (5, row.AucLower, "0.000"), (6, row.AucUpper, "0.000"),
                (7, row.Lift, "0.00"), (8, row.LiftLower, "0.00"), (9, row.LiftUpper, "0.00"), (10, row.BestOtherVersion, "\"v\"0"),
                (13, row.BestOtherAuc, "0.000"), (14, row.Difference, "+0.000;-0.000;0.000"),
            })
            {
                var cell = sheet.Cell(r, column);
                Assert.Equal(value, raw.GetValueOrDefault(cell.Address.ToString()!));
                if (value is not null)
                {
                    Assert.Equal((XLDataType.Number, format), (cell.DataType, cell.Style.NumberFormat.Format));
                }
            }

            Assert.Equal(row.ChosenBy switch { ChosenBy.Active => "active", ChosenBy.AsOf => "by as-of date", _ => "" }, sheet.Cell(r, 3).GetString());
            Assert.Equal(row.BestOtherKind?.Word() ?? "", sheet.Cell(r, 12).GetString());
            Assert.Equal(row.Thin, sheet.Cell(r, 1).Style.Font.Italic);
            Assert.Equal(row.Note ?? "", sheet.Cell(r, 16).GetString());
        }

        Assert.Contains(table.Rows, r => r.Thin);
        Assert.Equal("churn-forward-2026-03-14.xlsx", workbook.FileName("churn"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => workbook.WriteAsync("churn", Stream.Null, null, Ct));
        var unknown = await Assert.ThrowsAsync<CockpitValidationException>(() => workbook.WriteAsync("nope", Stream.Null, Vic, Ct));
        Assert.Equal("There is no score named 'nope'.", unknown.Message);

        // The score report holds the same sheet, cell for cell.
        using var report = new MemoryStream();
        await store.Get<ScoreReportHandler>().WriteAsync("churn", report, Vic, Ct);
        Assert.Equal(raw, RawNumbers(report.ToArray(), "Forward performance"));
    }

    /// <summary>The numeric cells of one sheet as the file's XML holds them (ClosedXML would round them to 15 digits).</summary>
    private static Dictionary<string, double?> RawNumbers(byte[] file, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), isEditable: false);
        var book = document.WorkbookPart!;
        var sheet = book.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
        return ((WorksheetPart)book.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Cell>()
            .Where(c => c.CellValue is not null && (c.DataType is null || c.DataType.Value == CellValues.Number))
            .ToDictionary(c => c.CellReference!.Value!, c => (double?)double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture));
    }
}
