using ClosedXML.Excel;
using ScoreCockpit.Engine.Localization;
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

    [Fact]
    public async Task The_french_workbook_speaks_french_and_keeps_the_figures_numbers()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await PortfolioQueryTests.SeedAsync(store);
        using var file = new MemoryStream();

        await store.Get<PortfolioReportHandler>().WriteAsync(file, SupportedCultures.French, Ct);

        file.Position = 0;
        using var workbook = new XLWorkbook(file);
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Portefeuille", sheet.Name);
        Assert.Equal(["Santé", "Pourquoi", "Score"], Enumerable.Range(1, 3).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(["AUC (hors période)", "Date de l'AUC", "Évolution de l'AUC", "Lift à 5 %", "Lift à 10 %"],
            Enumerable.Range(8, 5).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(["Dégradée", "À surveiller", "Pas de données", "Bonne"], Enumerable.Range(2, 4).Select(r => sheet.Cell(r, 1).GetString()));
        Assert.Equal("Pas encore de version active : un analyste en active une dans l'onglet Versions du score.", sheet.Cell(4, 2).GetString());
        var auc = sheet.Cell(3, 8);
        Assert.Equal(XLDataType.Number, auc.DataType);
        Assert.Equal(0.76, auc.GetDouble(), 6);
        Assert.Equal("0.000", auc.Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, sheet.Cell(3, 10).DataType);
        Assert.Equal(-0.02, sheet.Cell(3, 10).GetDouble(), 6);
    }
}
