using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ScoreCockpit.Web.Health;

/// <summary>
/// The readiness report, computed at most once per <see cref="HealthEndpoints.ReadyCacheKey"/> seconds (default 5) and
/// by one caller at a time: a storm of probes (several replicas, a monitoring system, a load balancer) gets the same
/// report instead of opening a connection to every warehouse per request.
/// </summary>
internal sealed class ReadyProbe(HealthCheckService checks, WarehouseChecks warehouses, TimeProvider time, TimeSpan cache) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (HealthReport Report, DateTimeOffset At, long Stamp)? last;

    public async Task<(HealthReport Report, DateTimeOffset At)> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } hit)
        {
            return hit;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } other)
            {
                return other;
            }

            // Not the request's token: a probe that hangs up must not cancel the report the others are waiting for.
            var report = await RunAsync(CancellationToken.None);
            last = (report, time.GetUtcNow(), time.GetTimestamp());
            return (report, last.Value.At);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private (HealthReport, DateTimeOffset)? Fresh() =>
        last is { } l && time.GetElapsedTime(l.Stamp) < cache ? (l.Report, l.At) : null;

    private async Task<HealthReport> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var registered = checks.CheckHealthAsync(r => r.Tags.Contains(HealthEndpoints.ReadyTag), ct);
        var connections = warehouses.RunAsync(ct);
        var entries = (await registered).Entries.ToList();
        entries.AddRange((await connections).OrderBy(e => e.Key, StringComparer.Ordinal));
        return new HealthReport(entries.ToDictionary(StringComparer.Ordinal), clock.Elapsed);
    }
}
