using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

/// <summary>
/// The refit option: measured on the validation snapshot first, then trained again with it, so the final model has
/// learnt from the newest labelled month and its figure on that date is in-sample, never shown as out-of-time.
/// </summary>
public sealed class RefitOnValidationTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly DateOnly December = new(2025, 12, 31), January = new(2026, 1, 31), February = new(2026, 2, 28), AsOf = new(2026, 6, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refitted_version_has_seen_the_validation_rows_and_its_validation_figure_is_in_sample()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres, now: new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await ChurnWarehouse.SeedAsync(store);
        var thin = new ThinDateRule { MinimumRows = 10, MinimumPositives = 1 };
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(ChurnWarehouse.Definition("plain", 3) with { ThinDates = thin }), Ana, Ct);
        await store.Get<CreateScoreHandler>().HandleAsync(
            new CreateScore(ChurnWarehouse.Definition("refit", 3) with { ThinDates = thin, RefitOnValidation = true }), Ana, Ct);
        foreach (var score in new[] { "plain", "refit" })
        {
            foreach (var month in ChurnWarehouse.Months)
            {
                await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot(score, month), Ana, Ct);
            }
        }

        var plain = (await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("plain", AsOf), Ana, Ct)).Version;
        var refit = (await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("refit", AsOf), Ana, Ct)).Version;

        // Every month is labelled on June 1st (horizon 3 months): both validate on February.
        Assert.Equal((February, February), (plain.ValidationDate, refit.ValidationDate));
        Assert.Equal([December, January], VersionJson.Dates(plain.TrainingDatesJson));
        Assert.Equal([December, January, February], VersionJson.Dates(refit.TrainingDatesJson));
        Assert.Equal(2 * ChurnWarehouse.Customers, plain.TrainingRows);
        Assert.Equal(3 * ChurnWarehouse.Customers, refit.TrainingRows);
        // Measured before the refit on the same rows and settings: the same validation AUC as without the option.
        Assert.Equal(plain.ValidationAuc, refit.ValidationAuc);
        Assert.Contains("Refitted on the validation snapshot", refit.TrainingNotesJson, StringComparison.Ordinal);
        Assert.NotEqual(plain.ArtifactSha256, refit.ArtifactSha256);

        foreach (var score in new[] { "plain", "refit" })
        {
            await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions(score), Ana, ct: Ct);
        }

        await using var db = await store.OpenAsync();
        var onFebruary = await db.Evaluations.AsNoTracking().Where(e => e.EvaluationDate == February)
            .ToDictionaryAsync(e => e.VersionId, e => e.Kind, Ct);
        Assert.Equal(EvaluationKind.Validation, onFebruary[plain.Id]);
        Assert.Equal(EvaluationKind.InSample, onFebruary[refit.Id]);
    }
}
