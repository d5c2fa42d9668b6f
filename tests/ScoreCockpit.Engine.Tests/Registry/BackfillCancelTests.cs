using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

/// <summary>A backfill cancelled from the page keeps what finished, and running it again goes on from there.</summary>
public sealed class BackfillCancelTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cancelled_backfill_keeps_the_months_it_finished_and_a_second_run_completes_the_rest()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres, now: new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await ChurnWarehouse.SeedAsync(store);
        await store.Get<CreateScoreHandler>().HandleAsync(
            new CreateScore(ChurnWarehouse.Definition("churn", 2) with { ThinDates = new ThinDateRule { MinimumRows = 10, MinimumPositives = 1 } }), Ana, Ct);
        foreach (var month in ChurnWarehouse.Months)
        {
            await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("churn", month), Ana, Ct);
        }

        // Horizon 2 months: as of March 31st December and January are labelled, as of April 30th February too: two versions.
        var request = new Backfill("churn", new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new Engine.InlineProgress<BackfillProgress>(p =>
        {
            if (p.Done == 1)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Get<BackfillHandler>().HandleAsync(request, Ana, progress, cancel.Token));

        await using (var db = await store.OpenAsync())
        {
            Assert.Equal([new DateOnly(2026, 3, 31)], await db.ModelVersions.AsNoTracking().Select(v => v.AsOfDate).ToListAsync(Ct));
        }

        var summary = await store.Get<BackfillHandler>().HandleAsync(request, Ana, ct: Ct);

        Assert.Equal((1, 1), (summary.AlreadyThere, summary.Trained));
        await using var after = await store.OpenAsync();
        Assert.Equal([new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30)],
            await after.ModelVersions.AsNoTracking().OrderBy(v => v.AsOfDate).Select(v => v.AsOfDate).ToListAsync(Ct));
        // Every version is evaluated on every date labelled today once the second run ends.
        Assert.Equal(2 * ChurnWarehouse.Months.Count, await after.Evaluations.CountAsync(Ct));
    }
}
