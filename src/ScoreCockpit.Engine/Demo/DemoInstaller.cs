using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Demo;

/// <summary>Where the demo installation stands, for a progress bar.</summary>
public sealed record DemoProgress(string Stage, int Done, int Total, bool Finished = false, string? Failure = null)
{
    public double Percent => Total == 0 ? 0 : 100.0 * Done / Total;
}

/// <summary>
/// First start: the demo warehouse, the three demo scores and every snapshot, as the system. Safe to run
/// again: the warehouse is rebuilt only when missing, scores are created only when missing, and
/// snapshots are replaced date by date.
/// </summary>
public sealed class DemoInstaller(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnector connector, DataFolder data,
    CreateScoreHandler createScore, BuildSnapshotHandler buildSnapshot, CockpitClock clock, ILogger<DemoInstaller> logger)
{
    /// <summary>True when the store has no score and no demo warehouse exists: a brand-new data folder.</summary>
    public async Task<bool> IsFreshAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return !await db.Scores.AnyAsync(ct) && !File.Exists(data.File(WarehouseConnectionInfo.DemoFileName));
    }

    public Task<TimeSpan> InstallAsync(int customers, IProgress<DemoProgress>? progress = null, CancellationToken ct = default) =>
        InstallAsync(customers, DemoOptions.DefaultMonths, progress, ct);

    /// <param name="months">Monthly reference dates, ending at the last month-end.</param>
    public async Task<TimeSpan> InstallAsync(int customers, int months, IProgress<DemoProgress>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var options = DemoOptions.ForToday(clock) with { Customers = customers, Months = months };
        var dates = options.ReferenceDates();
        var total = 1 + (DemoScores.All.Count * dates.Count);
        progress?.Report(new DemoProgress("Generating the demo warehouse", 0, total));

        // Held open until the end: DuckDB keeps the database loaded while a connection lives, so the
        // snapshot builds below do not each reopen (and checkpoint) the file.
        await using var session = await connector.OpenAsync(WarehouseConnectionInfo.Demo(data), ct);
        var existing = await DemoWarehouse.ReadInfoAsync(session, ct);
        if (existing is null || existing.Options != options || existing.GeneratorVersion != DemoWarehouse.GeneratorVersion)
        {
            await DemoWarehouse.BuildAsync(session, options, new InlineProgress<string>(stage =>
                progress?.Report(new DemoProgress($"Generating the demo warehouse: {stage}", 0, total))), ct);
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var present = await db.Scores.Select(s => s.Name).ToListAsync(ct);
            foreach (var score in DemoScores.All.Where(s => !present.Contains(s.Name)))
            {
                await createScore.HandleAsync(new CreateScore(score), Actor.System, ct);
            }
        }

        var done = 1;
        foreach (var score in DemoScores.All)
        {
            foreach (var date in dates)
            {
                progress?.Report(new DemoProgress($"Snapshot {score.Name} {date:yyyy-MM-dd}", done, total));
                await buildSnapshot.HandleAsync(new BuildSnapshot(score.Name, date), Actor.System, ct);
                done++;
            }
        }

        progress?.Report(new DemoProgress("Demo ready", total, total, Finished: true));
        logger.LogInformation("Demo installed in {Seconds:0.0} s: {Customers} customers, {Scores} scores, {Snapshots} snapshots",
            watch.Elapsed.TotalSeconds, customers, DemoScores.All.Count, total - 1);
        return watch.Elapsed;
    }
}
