using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Versions;

/// <summary>A version's plan as SQL: offered on its page, downloaded for the dialect asked (the score's own by default).</summary>
public sealed class VersionSqlTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private readonly PortalFactory _portal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
        await VersionSeed.ChurnAsync(_portal.Services, 1, Ct);
        // The seeded model is not a real one: v1 gets a plan of its own, and the score a snapshot to read.
        var plan = new ScoringPlan
        {
            Algorithm = "LightGbm",
            Slots = 3,
            Inputs =
            [
                new() { Name = "minutes", Kind = PlanInputKind.Number, Slot = 0, Impute = 12.5f },
                new() { Name = "plan", Kind = PlanInputKind.Category, Slot = 1, Levels = ["basic", "pro"] },
            ],
            Ensemble = new PlanEnsemble(0.5, [new() { Split = [0], Threshold = [30f], Left = [~0], Right = [~1], Leaves = [-0.25, 0.75] }]),
            Calibrator = new PlanCalibrator(-2, 0.1),
        };
        var (sha, _) = await _portal.Services.GetRequiredService<ArtifactStore>().PutAsync(ScoringPlanJson.Write(plan), ArtifactKind.Plan, Ct);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        await db.ModelVersions.ExecuteUpdateAsync(v => v.SetProperty(x => x.PlanSha256, sha), Ct);
        db.Snapshots.Add(new Snapshot
        {
            ScoreId = (await db.Scores.SingleAsync(Ct)).Id,
            ReferenceDate = new DateOnly(2025, 1, 31),
            TableName = "churn_snapshot_20250131",
            BuiltBy = "ana@example.com",
        });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task The_page_offers_the_SQL_and_it_downloads_for_the_dialect_asked()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);

        var page = await (await client.GetAsync("/scores/churn/versions/1")).Content.ReadAsStringAsync(Ct);
        var teradata = await client.GetAsync("/scores/churn/versions/1/plan.sql?dialect=teradata");
        var own = await client.GetAsync("/scores/churn/versions/1/plan.sql");
        var unknown = await client.GetAsync("/scores/churn/versions/1/plan.sql?dialect=oracle");
        var missing = await client.GetAsync("/scores/churn/versions/9/plan.sql?dialect=sqlserver");

        Assert.Contains("id=\"show-sql\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, teradata.StatusCode);
        Assert.Equal("churn-v1.teradata.sql", teradata.Content.Headers.ContentDisposition!.FileNameStar);
        var sql = await teradata.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("-- churn v1 (LightGbm) written as SQL for Teradata by ScoreCockpit.", sql, StringComparison.Ordinal);
        Assert.Contains("-- Reads churn_snapshot_20250131; returns customer_id, raw_score and probability", sql, StringComparison.Ordinal);
        Assert.Contains("CASE WHEN \"minutes\" IS NULL THEN 1.25000000000000000E+001", sql, StringComparison.Ordinal);
        Assert.Contains("(CASESPECIFIC) = 'pro'", sql, StringComparison.Ordinal);
        // The demo connection the score uses is DuckDB.
        Assert.StartsWith("-- churn v1 (LightGbm) written as SQL for DuckDB", await own.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("use one of duckdb, postgres, sqlserver, teradata", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
