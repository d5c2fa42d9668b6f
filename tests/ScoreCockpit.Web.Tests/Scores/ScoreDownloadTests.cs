using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scores;

/// <summary>The score downloads over HTTP: sign-in required, any role may download, streamed with an attachment name.</summary>
public sealed class ScoreDownloadTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
        await _portal.Services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = "churn",
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned",
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
        }), Actor.System, ct);

        // The output table as a scoring run leaves it (see ScoreOutput), written directly: no training needed here.
        await using var session = await _portal.Services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, ct);
        await session.ExecuteAsync(
            "CREATE TABLE scores_churn (customer_id VARCHAR(200) NOT NULL, score FLOAT8 NOT NULL, score_rank BIGINT NOT NULL, " +
            "decile INTEGER NOT NULL, percentile FLOAT8 NOT NULL, version INTEGER NOT NULL, reference_date DATE NOT NULL)", ct);
        await session.ExecuteAsync(
            "INSERT INTO scores_churn SELECT 'Zoë-' || i, 1 - i / 1000.0, i, CAST(ceil(i / 10.0) AS INTEGER), 101 - i, 1, DATE '2026-02-28' " +
            "FROM range(100, 0, -1) t(i)", ct);
        await session.ExecuteAsync("INSERT INTO scores_churn VALUES ('old', 0.5, 1, 1, 100, 1, DATE '2026-01-31')", ct);
    }

    [Theory]
    [InlineData("/scores/churn/scores.csv")]
    [InlineData("/scores/churn/scores.xlsx")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var response = await new PortalClient(_portal).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_downloads_the_latest_scores_as_csv()
    {
        var client = await ViewerAsync();

        var response = await client.GetAsync("/scores/churn/scores.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("churn-scores-2026-02-28.csv", response.Content.Headers.ContentDisposition.FileNameStar);
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(101, lines.Length);
        Assert.Equal("Zoë-1,0.999,1,1,100,1,2026-02-28", lines[1]);
        Assert.StartsWith("Zoë-100,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_reader_gets_semicolons_and_decimal_commas()
    {
        var client = await ViewerAsync();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");

        var response = await client.GetAsync("/scores/churn/scores.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("churn-scores-2026-02-28.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id;score;score_rank;decile;percentile;version;reference_date", lines[0]);
        Assert.Equal("Zoë-1;0,999;1;1;100;1;2026-02-28", lines[1]);
    }

    [Fact]
    public async Task A_viewer_downloads_a_given_date_as_xlsx()
    {
        var client = await ViewerAsync();

        var response = await client.GetAsync("/scores/churn/scores.xlsx?date=2026-01-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("churn-scores-2026-01-31.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        using var sheet = new StreamReader(await zip.GetEntry("xl/worksheets/sheet1.xml")!.OpenAsync(TestContext.Current.CancellationToken));
        var xml = await sheet.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<x:v>customer_id</x:v>", xml, StringComparison.Ordinal);
        Assert.Contains("<x:v>old</x:v>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoë-1<", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_scores_and_bad_dates_are_refused_with_the_reason()
    {
        var client = await ViewerAsync();

        var unknown = await client.GetAsync("/scores/nope/scores.csv");
        var noDate = await client.GetAsync("/scores/churn/scores.csv?date=2025-12-31");
        var badDate = await client.GetAsync("/scores/churn/scores.xlsx?date=31-12-2025");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noDate.StatusCode);
        Assert.Contains("Dates available: 2026-01-31, 2026-02-28.", await noDate.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    private async Task<PortalClient> ViewerAsync()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);
        return client;
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
