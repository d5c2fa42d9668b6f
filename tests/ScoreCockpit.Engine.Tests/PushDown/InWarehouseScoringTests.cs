using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.PushDown;

/// <summary>
/// A demo score's run inside the warehouse: the choice and its reason, auto's measurements and fallback, and the
/// refusals that leave the output as it was. (The rows it writes are compared with the kernel's in the warehouse chain.)
/// </summary>
public sealed class InWarehouseScoringTests
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly DateOnly January = new(2026, 1, 31);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Run at the end of <see cref="Scoring.RunScoringTests"/>, on its store (the demo installed, churn scored in-process
    /// by auto on DuckDB as <paramref name="first"/>, its latest version active): installing the demo again would cost
    /// more than these checks.
    /// </summary>
    internal static async Task AutoFollowsWhatItMeasuredFallsBackAndARepeatedKeyWritesNothingAsync(TestStore store, ScoringRun first)
    {
        var score = store.Get<RunScoringHandler>();
        // Nothing measured yet when the first run went: DuckDB scored in this process.
        Assert.Equal("in-process", first.Execution);
        Assert.StartsWith("auto: the kernel is faster", first.ExecutionReason, StringComparison.Ordinal);
        var pushed = await score.HandleAsync(new RunScoring("churn", January, Execution.InWarehouse), Ana, Ct);
        Assert.Equal(("in-warehouse", "asked for this run"), (pushed.Execution, pushed.ExecutionReason));

        // Both measured: auto takes the faster, here the warehouse once the kernel's runs are made to look slow.
        await using (var db = await store.OpenAsync())
        {
            foreach (var run in db.ScoringRuns.Where(r => r.Execution == "in-process"))
            {
                run.DurationMs = 3_600_000;
            }

            await db.SaveChangesAsync(Ct);
        }

        var auto = await score.HandleAsync(new RunScoring("churn", January), Ana, Ct);
        Assert.Equal("in-warehouse", auto.Execution);
        Assert.Equal(pushed.Rows, auto.Rows);
        Assert.Matches("^auto: in-warehouse measured [0-9,]+ rows/s on this score's last run, in-process [0-9,]+$", auto.ExecutionReason);

        await using var session = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct);
        var table = (await store.OpenAsync()).Snapshots.Single(s => s.ScoreId == first.ScoreId && s.ReferenceDate == January).TableName;
        var before = await OutputAsync(session);

        // A key whose text SQL would write otherwise than .NET: auto scores in-process instead and says why…
        await session.ExecuteAsync($"ALTER TABLE {table} ALTER customer_id SET DATA TYPE DOUBLE", Ct);
        var fellBack = await score.HandleAsync(new RunScoring("churn", January), Ana, Ct);
        Assert.Equal(ScoringStatus.Succeeded, fellBack.Status);
        Assert.Equal("in-process", fellBack.Execution);
        Assert.Contains("in-process instead: the key column 'customer_id' is Double: only integer and text keys", fellBack.ExecutionReason,
            StringComparison.OrdinalIgnoreCase);

        // …while a person who asked for the warehouse is told what to do, and nothing is written.
        before = await OutputAsync(session);
        var refused = await Assert.ThrowsAsync<CockpitValidationException>(
            () => score.HandleAsync(new RunScoring("churn", January, Execution.InWarehouse), Ana, Ct));
        Assert.Contains("cannot be scored in the warehouse 'demo'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--execution in-process", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await OutputAsync(session));

        // A key that repeats is refused before anything is written, whichever way it would be scored.
        await session.ExecuteAsync($"INSERT INTO {table} SELECT * FROM {table} LIMIT 3", Ct);
        foreach (var execution in new Execution?[] { null, Execution.InProcess, Execution.InWarehouse })
        {
            var repeated = await Assert.ThrowsAsync<CockpitValidationException>(
                () => score.HandleAsync(new RunScoring("churn", January, execution), Ana, Ct));
            Assert.StartsWith($"The key column 'customer_id' of the snapshot {table} is not unique: 3 rows repeat a key", repeated.Message, StringComparison.Ordinal);
            Assert.EndsWith("Nothing was written.", repeated.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await OutputAsync(session));
        Assert.False(await session.TableExistsAsync("scores_churn__staging", Ct));
        await AnExplicitInWarehouseEvaluationCoversTheLinearChallengerAsync(store);
    }

    /// <summary>
    /// The demo's renewal score has a logistic challenger. Asked for, the warehouse evaluates it beside the trees, and the
    /// figures stored are those of the in-process evaluation to 1e-9. Snapshots whose key SQL would write otherwise are
    /// refused up front, naming each version, and nothing is evaluated.
    /// </summary>
    private static async Task AnExplicitInWarehouseEvaluationCoversTheLinearChallengerAsync(TestStore store)
    {
        var asOf = new DateOnly(2025, 6, 1);
        await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("renewal", asOf), Ana, Ct);
        await store.Get<TrainChallengersHandler>().HandleAsync(new TrainChallengers("renewal", asOf), Ana, Ct);
        var evaluate = store.Get<Engine.Evaluation.EvaluateAllVersionsHandler>();
        int renewal;
        List<string> tables;
        await using (var db = await store.OpenAsync())
        {
            renewal = db.Scores.Single(s => s.Name == "renewal").Id;
            tables = [.. db.Snapshots.Where(s => s.ScoreId == renewal).Select(s => s.TableName)];
        }

        await using (var session = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct))
        {
            foreach (var table in tables)
            {
                await session.ExecuteAsync($"ALTER TABLE {table} ALTER customer_id SET DATA TYPE DOUBLE", Ct);
            }

            var refused = await Assert.ThrowsAsync<CockpitValidationException>(() => evaluate.HandleAsync(
                new Engine.Evaluation.EvaluateAllVersions("renewal", Execution: Execution.InWarehouse), Ana, ct: Ct));
            Assert.StartsWith("The versions cannot all be evaluated in the warehouse 'demo' (asked for this run): v1: the key column 'customer_id' is Double",
                refused.Message, StringComparison.Ordinal);
            Assert.Contains("; v2 (logistic): the key column", refused.Message, StringComparison.Ordinal);
            Assert.EndsWith("Nothing was evaluated.", refused.Message, StringComparison.Ordinal);
            foreach (var table in tables)
            {
                await session.ExecuteAsync($"ALTER TABLE {table} ALTER customer_id SET DATA TYPE BIGINT", Ct);
            }
        }

        await using (var db = await store.OpenAsync())
        {
            Assert.Empty(db.Evaluations.Where(e => e.ScoreId == renewal));
        }

        var pushed = await evaluate.HandleAsync(new Engine.Evaluation.EvaluateAllVersions("renewal", Execution: Execution.InWarehouse), Ana, ct: Ct);
        Assert.Equal("in-warehouse: asked for this run", pushed.Execution);
        Assert.Equal(0, pushed.Failed);
        List<Engine.Evaluation.VersionEvaluation> inWarehouse;
        await using (var db = await store.OpenAsync())
        {
            inWarehouse = [.. db.Evaluations.Where(e => e.ScoreId == renewal)];
            Assert.Contains(inWarehouse, e => e.VersionId == db.ModelVersions.Single(v => v.ScoreId == renewal && v.ChallengerName == "logistic").Id);
            await db.Evaluations.Where(e => e.ScoreId == renewal).ExecuteDeleteAsync(Ct);
        }

        // The same versions and dates in-process: auto on DuckDB chooses the kernel, and says so.
        var summary = await evaluate.HandleAsync(new Engine.Evaluation.EvaluateAllVersions("renewal"), Ana, ct: Ct);
        Assert.StartsWith("in-process: auto: ", summary.Execution, StringComparison.Ordinal);
        Assert.Equal((0, pushed.Computed), (summary.Failed, summary.Computed));
        await using (var db = await store.OpenAsync())
        {
            var inProcess = db.Evaluations.Where(e => e.ScoreId == renewal).ToDictionary(e => (e.VersionId, e.EvaluationDate, e.Kind));
            Assert.Equal(inWarehouse.Count, inProcess.Count);
            foreach (var actual in inWarehouse)
            {
                Evaluation.InWarehouse.DemoInWarehouseEvaluations.AssertSame(inProcess[(actual.VersionId, actual.EvaluationDate, actual.Kind)], actual,
                    $"renewal version {actual.VersionId} on {actual.EvaluationDate:yyyy-MM-dd}");
            }
        }
    }

    private static async Task<(long Rows, double Sum)> OutputAsync(WarehouseSession session)
    {
        await using var reader = await session.ReadAsync(RenderedSql.Plain("SELECT COUNT(*), SUM(score_rank * score) FROM scores_churn"), Ct);
        await reader.ReadAsync(Ct);
        return (Convert.ToInt64(reader.GetValue(0)), Convert.ToDouble(reader.GetValue(1)));
    }

    [Fact]
    public void A_choice_follows_the_run_then_the_score_then_the_connection_then_auto()
    {
        var measured = new List<ExecutionChoice.Measured> { new(Execution.InProcess, 1_000_000, 8_000), new(Execution.InWarehouse, 1_000_000, 2_000) };
        Assert.Equal(new ExecutionChoice(Execution.InProcess, "asked for this run"),
            ExecutionChoice.Choose(Execution.InProcess, Execution.InWarehouse, Execution.InWarehouse, "dwh", WarehouseKind.Teradata, measured));
        Assert.Equal(new ExecutionChoice(Execution.InWarehouse, "the score's setting"),
            ExecutionChoice.Choose(Execution.Auto, Execution.InWarehouse, Execution.InProcess, "dwh", WarehouseKind.DuckDb, []));
        Assert.Equal(new ExecutionChoice(Execution.InProcess, "the setting of the connection 'dwh'"),
            ExecutionChoice.Choose(null, Execution.Auto, Execution.InProcess, "dwh", WarehouseKind.Teradata, measured));

        var faster = ExecutionChoice.Choose(null, Execution.Auto, Execution.Auto, "dwh", WarehouseKind.DuckDb, measured);
        Assert.Equal((Execution.InWarehouse, true), (faster.Where, faster.ByAuto));
        Assert.Equal("auto: in-warehouse measured 500,000 rows/s on this score's last run, in-process 125,000", faster.Reason);
        Assert.Equal(Execution.InWarehouse, ExecutionChoice.Choose(null, Execution.Auto, Execution.Auto, "dwh", WarehouseKind.Teradata, []).Where);
        Assert.Equal(Execution.InProcess, ExecutionChoice.Choose(null, Execution.Auto, Execution.Auto, "dwh", WarehouseKind.Postgres, measured[..1]).Where);

        var fallBack = faster.FallBack("no EXP");
        Assert.Equal((Execution.InProcess, true), (fallBack.Where, fallBack.ByAuto));
        Assert.EndsWith("; in-process instead: no EXP", fallBack.Reason, StringComparison.Ordinal);
        Assert.Equal(Execution.InWarehouse, ExecutionNames.Parse(" In-Warehouse ", "the run"));
        var unknown = Assert.Throws<CockpitValidationException>(() => ExecutionNames.Parse("cloud", "the run"));
        Assert.Equal("'cloud' is not an execution for the run: use auto, in-process or in-warehouse.", unknown.Message);
    }
}
