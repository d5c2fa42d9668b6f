using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Storage;

/// <summary>
/// The RunLeases migration: a run in progress while the store is upgraded belongs to a process the upgrade stopped,
/// so it gets a lease that has already expired (its start) and the first host to look marks it interrupted.
/// </summary>
public sealed class RunLeasesMigrationTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Runs_in_progress_during_the_upgrade_get_an_expired_lease(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var started = store.Time.GetUtcNow().UtcDateTime.AddHours(-1);
        await using (var db = await store.OpenAsync())
        {
            var scenario = new Scenario { Name = "old", DefinitionJson = "{}", CreatedBy = "ana", UpdatedBy = "ana" };
            db.Scenarios.Add(scenario);
            await db.SaveChangesAsync(Ct);
            foreach (var status in new[] { RunStatus.Running, RunStatus.Succeeded })
            {
                db.ScenarioRuns.Add(new ScenarioRun
                {
                    ScenarioId = scenario.Id,
                    ScenarioName = "old",
                    Status = status,
                    Trigger = "manual",
                    StartedBy = "ana",
                    AsOf = new DateOnly(2026, 3, 14),
                    StartedAt = started,
                    Owner = "old-host:7",
                });
            }

            await db.SaveChangesAsync(Ct);
            // Back to the store as it was before leases, then upgraded again.
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(all[all.FindIndex(m => m.EndsWith("_RunLeases", StringComparison.Ordinal)) - 1], cancellationToken: Ct);
            await migrator.MigrateAsync(cancellationToken: Ct);
        }

        await using var read = await store.OpenAsync();
        var leases = await read.ScenarioRuns.AsNoTracking().OrderBy(r => r.Status).Select(r => new { r.Status, r.LeaseExpiresAt }).ToListAsync(Ct);
        Assert.Equal([(RunStatus.Running, (DateTime?)started), (RunStatus.Succeeded, null)], leases.Select(l => (l.Status, l.LeaseExpiresAt)));
    }
}
