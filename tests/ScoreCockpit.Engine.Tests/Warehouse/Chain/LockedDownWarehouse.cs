using Microsoft.EntityFrameworkCore;
using Npgsql;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse.Chain;

/// <summary>
/// A PostgreSQL warehouse whose account may not call EXP, which calibrated plans need (a DBA's locked-down account):
/// auto, having measured the warehouse faster, scores and evaluates in-process instead and names the function; a person
/// who asked for the warehouse is refused with it named, and nothing is written. Run at the end of the PostgreSQL chain.
/// </summary>
internal static class LockedDownWarehouse
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Adam = Actor.Of("adam@example.com", Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task AssertFallsBackAsync(TestStore store, TestWarehouse warehouse, ScoreDefinition definition, DateOnly date,
        Func<Task<List<(string, double, long, int)>>> output)
    {
        var role = $"analyst_{Guid.NewGuid():N}"[..20];
        await using (var session = await warehouse.OpenAsync())
        {
            // The account owns the tables it scores into, and every account but a superuser loses EXP in this database.
            await session.ExecuteAsync($"CREATE ROLE {role} LOGIN", Ct);
            await session.ExecuteAsync($"GRANT ALL ON SCHEMA public TO {role}", Ct);
            await session.ExecuteAsync(
                $"DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP " +
                $"EXECUTE format('ALTER TABLE public.%I OWNER TO {role}', t.tablename); END LOOP; END $$", Ct);
            await session.ExecuteAsync("REVOKE EXECUTE ON FUNCTION pg_catalog.exp(double precision) FROM PUBLIC", Ct);
        }

        var limited = new NpgsqlConnectionStringBuilder(warehouse.Info.ConnectionString) { Username = role };
        await store.Get<WarehouseConnections>().SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, limited.ConnectionString), Adam, Ct);
        await KernelLooksSlowAsync(store);
        var before = await output();
        var score = store.Get<RunScoringHandler>();
        var refused = await Assert.ThrowsAsync<CockpitValidationException>(
            () => score.HandleAsync(new RunScoring(definition.Name, date, Execution.InWarehouse), Ana, Ct));
        Assert.Contains("cannot be scored in the warehouse 'dwh' (asked for this run): the warehouse refused the plan's SQL:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("permission denied for function exp", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was written.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await output());

        var auto = await score.HandleAsync(new RunScoring(definition.Name, date), Ana, Ct);
        Assert.Equal((ScoringStatus.Succeeded, "in-process"), (auto.Status, auto.Execution));
        Assert.StartsWith("auto: in-warehouse measured ", auto.ExecutionReason, StringComparison.Ordinal);
        Assert.Contains("; in-process instead: the warehouse refused the plan's SQL:", auto.ExecutionReason, StringComparison.Ordinal);
        Assert.Contains("permission denied for function exp", auto.ExecutionReason, StringComparison.Ordinal);
        Assert.Equal(before, await output());

        // The run that fell back measured the kernel again: made slow once more, so auto prefers the warehouse to evaluate.
        await KernelLooksSlowAsync(store);
        var progress = new List<string>();
        var evaluated = await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions(definition.Name, Recompute: true), Ana,
            new SynchronousProgress(progress), Ct);
        Assert.StartsWith("in-warehouse: auto: ", evaluated.Execution, StringComparison.Ordinal);
        Assert.Equal(0, evaluated.Failed);
        Assert.True(evaluated.Computed > 0);
        Assert.Equal(evaluated.Computed, progress.Count(p => p.Contains("in-process instead: the warehouse refused the plan's SQL:", StringComparison.Ordinal)
            && p.Contains("permission denied for function exp", StringComparison.Ordinal)));
    }

    /// <summary>The kernel's runs made to look slow: auto then prefers the warehouse, as it measured it faster.</summary>
    private static async Task KernelLooksSlowAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        await db.ScoringRuns.Where(r => r.Execution == "in-process").ExecuteUpdateAsync(r => r.SetProperty(x => x.DurationMs, 3_600_000), Ct);
    }

    /// <summary>Progress kept in order, on the reporting thread.</summary>
    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
