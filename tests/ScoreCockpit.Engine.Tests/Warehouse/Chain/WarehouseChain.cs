using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Scoring.Export;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse.Chain;

/// <summary>What one run of the chain produced, in a form two warehouses' runs can be compared by.</summary>
public sealed record ChainOutcome(
    IReadOnlyList<(DateOnly Date, long Rows, long? Positives)> Snapshots,
    ModelVersion Version,
    IReadOnlyList<VersionEvaluation> Evaluations,
    IReadOnlyList<(string Key, double Score, long Rank, int Decile)> Scores,
    string ExportCsv,
    IReadOnlyDictionary<string, float> InWarehouse,
    ScoringRun Run,
    ScoringRun PushedRun,
    IReadOnlyList<(string Key, double Score, long Rank, int Decile)> PushedScores,
    IReadOnlyList<VersionEvaluation> EvaluatedInWarehouse);

/// <summary>
/// The whole job on one warehouse, through the handlers a host uses: the generated data loaded into a fresh
/// warehouse registered as a connection, snapshots built, a version trained (sampled), every version evaluated, the
/// base scored with it, the scores exported.
/// </summary>
public static class WarehouseChain
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Adam = Actor.Of("adam@example.com", Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="pushDown">Also score and evaluate again inside the warehouse (the comparison of two warehouses skips it: each one's test does it).</param>
    public static async Task<ChainOutcome> RunAsync(WarehouseKind kind, PostgresClusterFixture postgres, bool pushDown = true)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<WarehouseConnections>().SaveAsync(new SaveConnection("dwh", kind, warehouse.Info.ConnectionString), Adam, Ct);
        await using (var session = await store.Get<WarehouseConnections>().OpenAsync("dwh", Ct))
        {
            await ChainData.LoadAsync(session);
        }

        var definition = ChainData.Definition("dwh");
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(definition), Ana, Ct);
        var snapshots = new List<Snapshot>();
        foreach (var month in ChainData.Months)
        {
            snapshots.Add(await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot(definition.Name, month), Ana, Ct));
        }

        var trained = await store.Get<TrainVersionHandler>().HandleAsync(
            new TrainVersion(definition.Name, DateOnly.FromDateTime(TestStore.Start.UtcDateTime)), Ana, Ct);
        await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions(definition.Name), Ana, ct: Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion(definition.Name, trained.Version.Number, "chain"), Ana, Ct);
        var run = await store.Get<RunScoringHandler>().HandleAsync(new RunScoring(definition.Name), Ana, Ct);
        Assert.Equal(ScoringStatus.Succeeded, run.Status);

        using var csv = new MemoryStream();
        await store.Get<ExportScoresHandler>().HandleAsync(new ExportScores(definition.Name, ScoreFileFormat.Csv), csv, Ct);
        var scores = await ScoresAsync(store, definition.EffectiveOutputTable);
        // The same date again, scored inside the warehouse: it replaces the rows the kernel wrote.
        var pushed = pushDown
            ? await store.Get<RunScoringHandler>().HandleAsync(new RunScoring(definition.Name, run.ReferenceDate, Execution.InWarehouse), Ana, Ct)
            : run;
        await using var db = await store.OpenAsync();
        var evaluations = await db.Evaluations.AsNoTracking().OrderBy(e => e.VersionId).ThenBy(e => e.EvaluationDate).ToListAsync(Ct);
        var outcome = new ChainOutcome(
            [.. snapshots.Select(s => (s.ReferenceDate, s.Rows, s.Positives))],
            trained.Version,
            evaluations,
            scores,
            Encoding.UTF8.GetString(csv.ToArray()),
            await InWarehouseAsync(store, trained.Version, definition, snapshots.MaxBy(s => s.ReferenceDate)!.TableName),
            run,
            pushed,
            await ScoresAsync(store, definition.EffectiveOutputTable),
            pushDown ? await EvaluatedInWarehouseAsync(store, definition) : []);
        if (pushDown && kind == WarehouseKind.Postgres)
        {
            await LockedDownWarehouse.AssertFallsBackAsync(store, warehouse, definition, run.ReferenceDate,
                () => ScoresAsync(store, definition.EffectiveOutputTable));
        }

        return outcome;
    }

    /// <summary>Every evaluation computed again inside the warehouse by evaluate-all, which replaces them, in the same order.</summary>
    private static async Task<List<VersionEvaluation>> EvaluatedInWarehouseAsync(TestStore store, ScoreDefinition definition)
    {
        var summary = await store.Get<EvaluateAllVersionsHandler>().HandleAsync(
            new EvaluateAllVersions(definition.Name, Recompute: true, Execution: Execution.InWarehouse), Ana, ct: Ct);
        Assert.Equal("in-warehouse: asked for this run", summary.Execution);
        await using var db = await store.OpenAsync();
        return await db.Evaluations.AsNoTracking().OrderBy(e => e.VersionId).ThenBy(e => e.EvaluationDate).ToListAsync(Ct);
    }

    /// <summary>The active version's plan written as SQL and run by the warehouse on the snapshot the run scored.</summary>
    private static async Task<Dictionary<string, float>> InWarehouseAsync(TestStore store, ModelVersion version, ScoreDefinition definition, string table)
    {
        var model = await store.Get<ScoringPlans>().GetAsync(version, definition.Name, Ct);
        await using var session = await store.Get<WarehouseConnections>().OpenAsync("dwh", Ct);
        var columns = (await session.TableColumnsAsync(table, Ct)).Select(c => c.Name).ToList();
        var sql = Engine.Modeling.Plans.Sql.PlanSql.Select(model.Plan, session.Dialect, table, definition.KeyColumn, columns);
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), Ct);
        var scores = new Dictionary<string, float>();
        while (await reader.ReadAsync(Ct))
        {
            scores[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = Convert.ToSingle(reader.GetValue(2), CultureInfo.InvariantCulture);
        }

        return scores;
    }

    private static async Task<List<(string, double, long, int)>> ScoresAsync(TestStore store, string table)
    {
        await using var session = await store.Get<WarehouseConnections>().OpenAsync("dwh", Ct);
        var sql = $"SELECT customer_id, score, score_rank, decile FROM {session.Dialect.QuoteIdentifier(table)} ORDER BY customer_id";
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), Ct);
        var rows = new List<(string, double, long, int)>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
