using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios.Scheduling;

/// <summary>
/// Who fires due times when several schedulers share a store (portal replicas, headless schedulers): the holder of
/// the lease row, renewed at each tick, taken over by another once it has not been renewed for the lease's expiry.
/// The tick itself also claims each scenario's due times with a compare-and-set, so even two leaders (a paused
/// process waking up after its lease was taken) never fire one due time twice.
/// </summary>
public sealed class SchedulerLeadership(
    IDbContextFactory<CockpitDbContext> contexts, RunLeases leases, RunLeaseSettings settings, TimeProvider time, ILogger<SchedulerLeadership> logger)
{
    private bool leading;

    /// <summary>host:process, as on runs.</summary>
    public string Holder => leases.Owner;

    /// <summary>Takes or renews the lease; false while another scheduler holds a lease that has not expired.</summary>
    public async Task<bool> TryLeadAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + settings.Expiry;
        var me = Holder;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var renewed = await db.SchedulerLeases
            .Where(l => l.Name == SchedulerLease.ScenarioLease && (l.Holder == me || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(l => l.AcquiredAt, l => l.Holder == me ? l.AcquiredAt : now)
                .SetProperty(l => l.Holder, me)
                .SetProperty(l => l.RenewedAt, now)
                .SetProperty(l => l.ExpiresAt, until), ct);
        var lead = renewed == 1 || await TryFirstAsync(db, now, until, ct);
        if (lead != leading)
        {
            if (lead)
            {
                logger.LogInformation("This scheduler ({Holder}) now fires due scenarios", me);
            }
            else
            {
                var holder = (await db.SchedulerLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == SchedulerLease.ScenarioLease, ct))?.Holder;
                logger.LogInformation("Scenario scheduling is led by {Holder}; this scheduler stands by", holder);
            }

            leading = lead;
        }

        return lead;
    }

    /// <summary>The very first scheduler on a store creates the row; of two at once, the primary key lets one in.</summary>
    private async Task<bool> TryFirstAsync(CockpitDbContext db, DateTime now, DateTime until, CancellationToken ct)
    {
        if (await db.SchedulerLeases.AnyAsync(l => l.Name == SchedulerLease.ScenarioLease, ct))
        {
            return false;
        }

        db.SchedulerLeases.Add(new SchedulerLease { Name = SchedulerLease.ScenarioLease, Holder = Holder, AcquiredAt = now, RenewedAt = now, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>Lets another scheduler take over at once (this one is stopping), rather than after the expiry.</summary>
    public async Task StepDownAsync(CancellationToken ct = default)
    {
        var me = Holder;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.SchedulerLeases.Where(l => l.Name == SchedulerLease.ScenarioLease && l.Holder == me)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, now), ct);
        leading = false;
    }
}
