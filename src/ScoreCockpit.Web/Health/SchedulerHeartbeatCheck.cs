using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Web.Health;

/// <summary>
/// The scheduler's heartbeat: when the leader lease was last renewed, by whichever scheduler holds it (this portal, a
/// replica or `scorecockpit scheduler`). Older than the lease's expiry, no scheduler fires scenarios any more.
/// </summary>
internal sealed class SchedulerHeartbeatCheck(
    IDbContextFactory<CockpitDbContext> contexts, RunLeaseSettings leases, RunLeases owner, IConfiguration config, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    // Built when the portal starts (see HealthEndpoints), so a fresh portal is not reported for a tick it has not had yet.
    private readonly DateTimeOffset started = time.GetUtcNow();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var enabled = config.GetValue("Scheduler:Enabled", true);
        var here = enabled ? "" : "Scheduling is switched off in this process (Scheduler:Enabled=false). ";
        SchedulerLease? lease;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(Timeout);
            try
            {
                await using var db = await contexts.CreateDbContextAsync(timeout.Token);
                lease = await db.SchedulerLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == SchedulerLease.ScenarioLease, timeout.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Degraded($"{here}The scheduler's heartbeat cannot be read: {FailureReasons.Of(e, Timeout)}.");
            }
        }

        var now = time.GetUtcNow();
        // A portal that schedules ticks every minute; until its first tick or two, a missing or old lease is not news.
        var starting = enabled && now - started < leases.Expiry + TimeSpan.FromMinutes(1);
        if (lease is null)
        {
            return starting
                ? HealthCheckResult.Healthy("Scheduling is on in this process, which has just started: its first heartbeat is due within a minute.")
                : HealthCheckResult.Degraded($"{here}No scheduler has ever renewed the lease, so scheduled scenarios do not fire. " +
                    "Run one: a portal with Scheduler:Enabled=true, or `scorecockpit scheduler`.");
        }

        var renewed = new DateTimeOffset(DateTime.SpecifyKind(lease.RenewedAt, DateTimeKind.Utc));
        var age = now - renewed;
        var who = lease.Holder == owner.Owner ? "this process" : lease.Holder;
        if (age <= leases.Expiry)
        {
            return HealthCheckResult.Healthy($"{here}The scheduler's last heartbeat was {Ago(age)} ago ({who}, {renewed:yyyy-MM-dd HH:mm:ss} UTC).");
        }

        return starting
            ? HealthCheckResult.Healthy($"The last heartbeat ({lease.Holder}) is {Ago(age)} old; this process, just started, takes the lease over at its next tick.")
            : HealthCheckResult.Degraded($"{here}No scheduler heartbeat since {renewed:yyyy-MM-dd HH:mm:ss} UTC ({Ago(age)} ago, last by {lease.Holder}): " +
                "scheduled scenarios do not fire. Check that a scheduler is running and can reach the cockpit store.");
    }

    private static string Ago(TimeSpan age) =>
        age < TimeSpan.FromMinutes(2) ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
        : age < TimeSpan.FromHours(2) ? $"{(int)age.TotalMinutes} min"
        : age < TimeSpan.FromDays(2) ? $"{(int)age.TotalHours} h" : $"{(int)age.TotalDays} days";
}
