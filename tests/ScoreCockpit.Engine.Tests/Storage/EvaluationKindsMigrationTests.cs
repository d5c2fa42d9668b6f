using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Portfolio;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Storage;

/// <summary>
/// The EvaluationKinds migration classifies the evaluations a store already holds by the one rule, from each version's
/// validation date, and flags thin ones by the default minimums: an upgraded cockpit judges health on forward dates at once.
/// </summary>
public sealed class EvaluationKindsMigrationTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Stored_evaluations_get_their_kind_and_thin_flag_on_upgrade(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var score = await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Actor.System, Ct);
        var version = await PortfolioSeed.VersionAsync(store, score, new DateOnly(2025, 6, 1));
        var (training, validation) = (new[] { new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 28) }, new DateOnly(2025, 3, 31));
        var cases = new (DateOnly Date, bool InSample, long Rows, long Positives, EvaluationKind Kind, bool Thin)[]
        {
            (new(2024, 6, 30), false, 1_000, 100, EvaluationKind.BackTest, false),
            (training[0], true, 1_000, 100, EvaluationKind.InSample, false),
            (validation, false, 1_000, 100, EvaluationKind.Validation, false),
            (new(2025, 4, 30), false, 1_000, 100, EvaluationKind.Forward, false),
            (new(2025, 5, 31), false, 10, 1, EvaluationKind.Forward, true),
        };
        await using (var db = await store.OpenAsync())
        {
            var stored = await db.ModelVersions.SingleAsync(v => v.Id == version.Id, Ct);
            stored.TrainingDatesJson = System.Text.Json.JsonSerializer.Serialize(training);
            stored.ValidationDate = validation;
            db.Evaluations.AddRange(cases.Select(c => new VersionEvaluation
            {
                ScoreId = score.Id,
                VersionId = version.Id,
                EvaluationDate = c.Date,
                InSample = c.InSample,
                Rows = c.Rows,
                Positives = c.Positives,
                Auc = 0.7,
            }));
            await db.SaveChangesAsync(Ct);

            // Back to the store as it was before kinds, then upgraded again.
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(all[all.FindIndex(m => m.EndsWith("_EvaluationKinds", StringComparison.Ordinal)) - 1], cancellationToken: Ct);
            await migrator.MigrateAsync(cancellationToken: Ct);
        }

        await using var read = await store.OpenAsync();
        var upgraded = await read.Evaluations.AsNoTracking().OrderBy(e => e.EvaluationDate).ToListAsync(Ct);
        Assert.Equal(cases.Select(c => (c.Date, c.Kind, c.Thin)), upgraded.Select(e => (e.EvaluationDate, e.Kind, e.Thin)));
        Assert.All(upgraded, e => Assert.Equal(EvaluationKinds.Of(training, validation, e.EvaluationDate), e.Kind));
    }
}
