using System.Net;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Portfolio;

/// <summary>`/reports/portfolio.xlsx` over HTTP: sign-in required, any role may download, one sheet with every score.</summary>
public sealed class PortfolioDownloadTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
        await PortfolioSeed.SeedAsync(_portal.Services, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await new PortalClient(_portal).GetAsync("/reports/portfolio.xlsx");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_downloads_one_sheet_with_every_score_worst_first()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);

        var response = await client.GetAsync("/reports/portfolio.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^portfolio-\d{4}-\d{2}-\d{2}\.xlsx$", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Portfolio", sheet.Name);
        Assert.Equal(["No data", "Healthy"], new[] { sheet.Cell(2, 1).GetString(), sheet.Cell(3, 1).GetString() });
        Assert.Equal(["renewal", "churn"], new[] { sheet.Cell(2, 3).GetString(), sheet.Cell(3, 3).GetString() });
        Assert.Equal(0.76, sheet.Cell(3, 8).GetDouble(), 6);
        Assert.Equal(2.5, sheet.Cell(3, 11).GetDouble(), 6);
    }

    [Fact]
    public async Task A_french_speaking_browser_downloads_the_workbook_in_french()
    {
        var client = new PortalClient(_portal);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");
        await client.SignInOrFailAsync("viewer@example.com", Password);

        var response = await client.GetAsync("/reports/portfolio.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Portefeuille", sheet.Name);
        Assert.Equal("Santé", sheet.Cell(1, 1).GetString());
        Assert.Equal(["Pas de données", "Bonne"], new[] { sheet.Cell(2, 1).GetString(), sheet.Cell(3, 1).GetString() });
        Assert.Equal(XLDataType.Number, sheet.Cell(3, 8).DataType);
        Assert.Equal(0.76, sheet.Cell(3, 8).GetDouble(), 6);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
