using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Warehouse.Conformance;

/// <summary>
/// Runs every statement shape the engine uses on a live warehouse, with scratch tables it always drops, so a new
/// warehouse (Teradata, SQL Server) is known to work before a score depends on it. Checks run in order; one whose
/// prerequisite failed fails too, saying which.
/// </summary>
public static class WarehouseConformance
{
    public static async Task<IReadOnlyList<ConformanceResult>> RunAsync(WarehouseSession session, TimeProvider time, CancellationToken ct = default)
    {
        var scratch = new ScratchTables(session);
        var results = new List<ConformanceResult>();
        try
        {
            foreach (var check in new ConformanceChecks(session, scratch).All())
            {
                results.Add(await RunAsync(check, results, time, ct));
            }
        }
        finally
        {
            await scratch.DropAllAsync();
        }

        return results;
    }

    private static async Task<ConformanceResult> RunAsync(ConformanceCheck check, List<ConformanceResult> done, TimeProvider time,
        CancellationToken ct)
    {
        if (done.FirstOrDefault(r => !r.Ok && check.Needs.Contains(r.Name)) is { } failed)
        {
            return new(check.Name, ConformanceOutcome.Failed, TimeSpan.Zero, $"not run: it needs '{failed.Name}', which failed.");
        }

        var started = time.GetTimestamp();
        try
        {
            await check.Run(ct);
            return new(check.Name, ConformanceOutcome.Passed, time.GetElapsedTime(started), null);
        }
        catch (ConformanceSkip skip)
        {
            return new(check.Name, ConformanceOutcome.Skipped, time.GetElapsedTime(started), skip.Message);
        }
        catch (Exception e) when (e is ConformanceFailure or WarehouseException or CockpitValidationException)
        {
            return new(check.Name, ConformanceOutcome.Failed, time.GetElapsedTime(started), e.Message);
        }
    }
}

/// <summary>One check: its name, the checks whose tables it reads, and what it runs.</summary>
internal sealed record ConformanceCheck(string Name, string[] Needs, Func<CancellationToken, Task> Run);
