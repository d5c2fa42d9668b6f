using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Web.Health;

/// <summary>
/// Every warehouse connection, in parallel, each within <see cref="Timeout"/>: a connection opened and <c>SELECT 1</c>.
/// One that does not answer makes the portal degraded, not unready: the other scores still work.
/// </summary>
internal sealed class WarehouseChecks(WarehouseConnections connections)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<KeyValuePair<string, HealthReportEntry>>> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ConnectionSummary> all;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StoreCheck.Timeout);
            all = await connections.ListAsync(timeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return [new("warehouses", Entry(HealthStatus.Degraded,
                $"The warehouse connections cannot be listed: the cockpit store does not answer ({FailureReasons.Of(e, StoreCheck.Timeout)}).", clock.Elapsed))];
        }

        return await Task.WhenAll(all.Select(c => CheckAsync(c.Name, ct)));
    }

    private async Task<KeyValuePair<string, HealthReportEntry>> CheckAsync(string name, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        (HealthStatus Status, string Reason) result;
        try
        {
            var info = await connections.ResolveAsync(name, timeout.Token);
            result = info.Kind == WarehouseKind.DuckDb && DuckDbFile(info) is { } file
                ? OnDisk(name, file)
                : await AnswersAsync(name, timeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            result = (HealthStatus.Degraded, $"The warehouse connection '{name}' does not answer: {FailureReasons.Of(e, Timeout)}. " +
                "Check that its server is running and reachable, and its connection string (Admin › Connections).");
        }

        return new($"warehouse:{name}", Entry(result.Status, result.Reason, clock.Elapsed));
    }

    private async Task<(HealthStatus, string)> AnswersAsync(string name, CancellationToken ct)
    {
        await using var session = await connections.OpenAsync(name, ct);
        // Some providers connect lazily: only a statement proves the warehouse answers.
        await session.ScalarAsync(RenderedSql.Plain("SELECT 1"), ct);
        return (HealthStatus.Healthy, $"The warehouse connection '{name}' answers.");
    }

    /// <summary>
    /// An embedded DuckDB file is checked on disk, not opened: DuckDB lets one process at a time open it, so a probe
    /// must not make a running unit wait (or wait on it), nor create the file where it is missing.
    /// </summary>
    private static string? DuckDbFile(WarehouseConnectionInfo info)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = info.ConnectionString };
        var source = (builder.TryGetValue("Data Source", out var a) ? a : builder.TryGetValue("DataSource", out var b) ? b : null) as string;
        return string.IsNullOrWhiteSpace(source) || source.StartsWith(':') || source.Contains("md:", StringComparison.Ordinal) ? null : source;
    }

    private static (HealthStatus, string) OnDisk(string name, string file)
    {
        if (!File.Exists(file))
        {
            return name == WarehouseConnectionInfo.DemoName
                ? (HealthStatus.Healthy, "The built-in demo warehouse is not installed; nothing to check.")
                : (HealthStatus.Degraded, $"The warehouse connection '{name}' does not answer: its DuckDB file is missing. Check its connection string (Admin › Connections).");
        }

        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return (HealthStatus.Healthy, $"The warehouse connection '{name}' answers (its DuckDB file is readable).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (HealthStatus.Degraded, $"The warehouse connection '{name}' does not answer: its DuckDB file cannot be read by the portal. Check the file's permissions.");
        }
    }

    private static HealthReportEntry Entry(HealthStatus status, string reason, TimeSpan duration) => new(status, reason, duration, null, null);
}
