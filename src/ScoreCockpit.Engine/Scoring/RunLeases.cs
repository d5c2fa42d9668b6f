using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// Leases on running runs, kept in the cockpit store so that any host can tell a live run from a dead one: a
/// process id says nothing on another machine (a new container) and may belong to another process by now.
/// </summary>
public sealed class RunLeases(IDbContextFactory<CockpitDbContext> contexts, RunLeaseSettings settings, TimeProvider time, ILogger<RunLeases> logger)
{
    /// <summary>"host:process id", shown to people; the lease, not this, decides whether the run lives.</summary>
    public string Owner { get; } = $"{settings.Host}:{Environment.ProcessId}";

    /// <summary>The lease a run takes when it starts.</summary>
    public DateTime FirstExpiry() => time.GetUtcNow().UtcDateTime + settings.Expiry;

    /// <summary>Renews a scenario run's lease until disposed (the run's end).</summary>
    public IAsyncDisposable HoldScenarioRun(long id) => new Renewal(settings.Renewal, time, logger, async ct =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var until = FirstExpiry();
        await db.ScenarioRuns.Where(r => r.Id == id && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseExpiresAt, until), ct);
    }, $"scenario run {id}");

    /// <summary>Renews a scoring run's lease until disposed.</summary>
    public IAsyncDisposable HoldScoringRun(long id) => new Renewal(settings.Renewal, time, logger, async ct =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var until = FirstExpiry();
        await db.ScoringRuns.Where(r => r.Id == id && r.Status == ScoringStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseExpiresAt, until), ct);
    }, $"scoring run {id}");

    /// <summary>
    /// Renews a unit's lease until disposed. Both the process that dispatched it and the unit's own process renew: the
    /// lease lapses only when neither is left to tell what became of it.
    /// </summary>
    public IAsyncDisposable HoldUnitRun(long id) => new Renewal(settings.Renewal, time, logger, async ct =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var until = FirstExpiry();
        await db.UnitRuns.Where(r => r.Id == id && r.Status == Units.UnitRunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseExpiresAt, until), ct);
    }, $"unit run {id}");

    /// <summary>A timer on the injected clock; each tick moves the lease's end to now + expiry.</summary>
    private sealed class Renewal : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;

        public Renewal(TimeSpan every, TimeProvider time, ILogger logger, Func<CancellationToken, Task> renew, string what) =>
            loop = RenewAsync(new PeriodicTimer(every, time), logger, renew, what, stop.Token);

        private static async Task RenewAsync(PeriodicTimer timer, ILogger logger, Func<CancellationToken, Task> renew, string what, CancellationToken ct)
        {
            using var _ = timer;
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    try
                    {
                        await renew(ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One missed renewal is not fatal (the expiry spans several); the next tick tries again.
                        logger.LogWarning("Could not renew the lease of {Run}: {Reason}", what, e.Message);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The run ended.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }
}
