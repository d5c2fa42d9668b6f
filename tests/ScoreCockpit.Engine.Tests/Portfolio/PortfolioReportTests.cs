using ClosedXML.Excel;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Portfolio;

/// <summary>The portfolio's Excel sheet, read back with ClosedXML.</summary>
public sealed class PortfolioReportTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_sheet_holds_every_score_worst_first_with_numbers_a_frozen_header_and_a_filter()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await PortfolioQueryTests.SeedAsync(store);
        using var file = new MemoryStream();

        await store.Get<PortfolioReportHandler>().WriteAsync(file, Ct);

        file.Position = 0;
        using var workbook = new XLWorkbook(file);
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Portfolio", sheet.Name);
        Assert.Equal("Health", sheet.Cell(1, 1).GetString());
        Assert.Equal(5, sheet.LastRowUsed().RowNumber());
        Assert.Equal(["Decaying", "Watch", "No data", "Healthy"], Enumerable.Range(2, 4).Select(r => sheet.Cell(r, 1).GetString()));
        Assert.Equal(["renewal", "churn", "fresh", "upsell"], Enumerable.Range(2, 4).Select(r => sheet.Cell(r, 3).GetString()));

        var auc = sheet.Cell(3, 8);
        Assert.Equal("AUC (out of time)", sheet.Cell(1, 8).GetString());
        Assert.Equal(0.76, auc.GetDouble(), 6);
        Assert.Equal("0.000", auc.Style.NumberFormat.Format);
        Assert.Equal(-0.02, sheet.Cell(3, 10).GetDouble(), 6);
        Assert.Equal("v3 · logistic", sheet.Cell(3, 13).GetString());
        Assert.True(sheet.Cell(4, 8).IsEmpty());
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.NotEmpty(sheet.ConditionalFormats);
        Assert.Matches(@"^portfolio-\d{4}-\d{2}-\d{2}\.xlsx$", store.Get<PortfolioReportHandler>().FileName());
    }
}
