using System.Net;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Reporting;

/// <summary>`/scores/{name}/report.xlsx` and `forward.xlsx` over HTTP: sign-in required, any role may download, a clear 404 for an unknown score.</summary>
public sealed class ReportDownloadTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private readonly ClockedPortal _portal = new();

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
        await _portal.Services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = "churn",
            Description = "Who leaves within three months",
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned",
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
        }), Actor.System, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await new PortalClient(_portal).GetAsync("/scores/churn/report.xlsx");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_downloads_the_report_named_after_the_score_and_today()
    {
        var client = await ViewerAsync();

        var response = await client.GetAsync("/scores/churn/report.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("churn-report-2026-03-14.xlsx", response.Content.Headers.ContentDisposition.FileNameStar);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        Assert.Equal("Cover", book.Worksheets.First().Name);
        Assert.Equal("Who leaves within three months", book.Worksheet("Cover").Cell(3, 2).GetString());
        Assert.Contains(book.Worksheets, s => s.Name == "Activations");
    }

    [Fact]
    public async Task An_unknown_score_is_a_404_with_the_reason()
    {
        var client = await ViewerAsync();

        var response = await client.GetAsync("/scores/nope/report.xlsx");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no score named 'nope'.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_forward_table_downloads_alone_for_a_viewer_and_is_refused_to_anonymous_visitors()
    {
        var anonymous = await new PortalClient(_portal).GetAsync("/scores/churn/forward.xlsx");
        var client = await ViewerAsync();

        var response = await client.GetAsync("/scores/churn/forward.xlsx");
        var unknown = await client.GetAsync("/scores/nope/forward.xlsx");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("churn-forward-2026-03-14.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        Assert.Equal("Forward performance", Assert.Single(book.Worksheets).Name);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_version_plan_is_for_signed_in_people_and_an_unknown_version_is_a_404_with_the_reason()
    {
        var anonymous = await new PortalClient(_portal).GetAsync("/scores/churn/versions/1/plan.json");
        var client = await ViewerAsync();

        var unknownVersion = await client.GetAsync("/scores/churn/versions/7/plan.json");
        var unknownScore = await client.GetAsync("/scores/nope/versions/1/plan.json");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
        Assert.Contains("churn has no version 7.", await unknownVersion.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownScore.StatusCode);
    }

    private async Task<PortalClient> ViewerAsync()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);
        return client;
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();

    /// <summary>The portal on a fixed clock, so the file's date is known.</summary>
    private sealed class ClockedPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 30, 0, TimeSpan.Zero))));
        }
    }
}
