using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// Score the customers of a snapshot (default: the latest) with the score's active version (a unit of work);
/// <paramref name="Execution"/> overrides where, for this run only.
/// </summary>
public sealed record RunScoring(string Score, DateOnly? Date = null, Execution? Execution = null);

/// <summary>
/// Streams the snapshot through the active version, ranks the customers, writes them to a staging table and swaps
/// them in for that date only (<see cref="ScoreOutput"/>), then records the distribution and its drift. The run is
/// in the store from its start, so a crash leaves a trace that the next start marks interrupted.
/// </summary>
public sealed partial class RunScoringHandler(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, ArtifactStore artifacts, ScoringPlans plans, RunLeases leases,
    TimeProvider time)
{
    /// <summary>Scores through ML.NET's row-by-row path instead of the compiled plan: the baseline of benchmarks and checks.</summary>
    internal bool ScoreWithMlNet { get; set; }

    public Task<ScoringRun> HandleAsync(RunScoring request, Actor actor, CancellationToken ct = default) =>
        HandleAsync(request, actor, null, ct);

    /// <summary>As above; <paramref name="progress"/> hears of each stage, so a command line can say what it is doing.</summary>
    public async Task<ScoringRun> HandleAsync(RunScoring request, Actor actor, IProgress<string>? progress, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "score customers");
        var clock = Stopwatch.StartNew();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Score, ct);
        var definition = ScoreRecords.Definition(score);
        var version = await ActiveVersions.CurrentAsync(db, score.Id, ct) ?? throw new CockpitValidationException(
            $"{score.Name} has no active version: an Analyst activates one on the score's Versions tab before its customers can be scored.");
        var snapshots = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id).ToListAsync(ct);
        var snapshot = (request.Date is { } day ? snapshots.FirstOrDefault(s => s.ReferenceDate == day) : snapshots.MaxBy(s => s.ReferenceDate))
            ?? throw new CockpitValidationException(request.Date is { } missing
                ? $"{score.Name} has no snapshot for {missing:yyyy-MM-dd}: build it first, then score."
                : $"{score.Name} has no snapshot yet: build one, then score.");

        var run = new ScoringRun
        {
            ScoreId = score.Id,
            VersionId = version.Id,
            ReferenceDate = snapshot.ReferenceDate,
            Status = ScoringStatus.Running,
            OutputTable = definition.EffectiveOutputTable,
            StartedAt = time.GetUtcNow().UtcDateTime,
            StartedBy = actor.Name,
            Owner = leases.Owner,
            LeaseExpiresAt = leases.FirstExpiry(),
        };
        db.ScoringRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await using var lease = leases.HoldScoringRun(run.Id);
        try
        {
            await ScoreAsync(db, run, score.Name, definition, version, snapshot.TableName, snapshots, request.Execution, progress, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && run.Status != ScoringStatus.Succeeded)
        {
            run.Status = ScoringStatus.Failed;
            run.Failure = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            throw;
        }
        finally
        {
            run.FinishedAt = time.GetUtcNow().UtcDateTime;
            run.DurationMs = clock.ElapsedMilliseconds;
            if (run.Status == ScoringStatus.Running)
            {
                (run.Status, run.Failure) = (ScoringStatus.Failed, "Cancelled: the output table kept the previous scores.");
            }

            await db.SaveChangesAsync(CancellationToken.None);
            if (run.Status == ScoringStatus.Succeeded)
            {
                Telemetry.CockpitTelemetry.Scored(score.Name, run.Rows, clock.Elapsed);
            }
        }

        return run;
    }

    private async Task ScoreAsync(CockpitDbContext db, ScoringRun run, string score, ScoreDefinition definition, ModelVersion version,
        string table, List<Snapshots.Snapshot> snapshots, Execution? requested, IProgress<string>? progress, CancellationToken ct)
    {
        await using var session = await connections.OpenAsync(definition.Connection, ct);
        var features = VersionJson.Schema(version.InputSchemaJson).ToDictionary(f => f.Name, f => f.Kind, StringComparer.OrdinalIgnoreCase);
        var trainingDates = VersionJson.Dates(version.TrainingDatesJson);
        var reference = snapshots.FirstOrDefault(s => trainingDates.Count > 0 && s.ReferenceDate == trainingDates[^1]);
        var columns = (await session.TableColumnsAsync(table, ct)).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        await KeyUniqueness.CheckAsync(session, table, definition.KeyColumn, columns, ct);

        var choice = ScoreWithMlNet ? new ExecutionChoice(Execution.InProcess, "ML.NET's own path, the baseline")
            : await ExecutionChoices.ForScoreAsync(db, connections, run.ScoreId, requested, definition, session.Dialect.Kind, ct);
        if (choice.Where == Execution.InWarehouse)
        {
            choice = await ScoreInWarehouseAsync(db, run, score, definition, version, table, columns, reference, features, choice, session, progress, ct);
            if (choice.Where == Execution.InWarehouse)
            {
                return;
            }
        }

        (run.Execution, run.ExecutionReason) = (choice.Name, choice.Reason);
        progress?.Report($"Scoring {table} with v{version.Number} in-process ({choice.Reason})…");

        // The drift's reference side is read on a session of its own while the customers are scored.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var referenceRead = reference is null ? Task.FromResult<DriftSample?>(null) : Task.Run(async () =>
        {
            await using var other = await connections.OpenAsync(definition.Connection, stop.Token);
            var sample = await FeatureDriftMeasure.ReadAsync(other, reference.TableName, features, stop.Token);
            progress?.Report($"Read {reference.TableName} for the drift.");
            return (DriftSample?)sample;
        }, stop.Token);
        try
        {
            var held = columns.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var current = new DriftSample(features.Where(f => held.Contains(f.Key)).ToDictionary(), await session.CountRowsAsync(table, ct));
            var (customers, warnings) = ScoreWithMlNet
                ? await ReadScoresWithMlNetAsync(session, new ModelScorer(await artifacts.GetAsync(version.ArtifactSha256, ct)), table, definition.KeyColumn, ct)
                : await ReadScoresAsync(session, await plans.GetAsync(version, score, ct), table, held, definition.KeyColumn, current, ct);
            if (ScoreWithMlNet)
            {
                current = await FeatureDriftMeasure.ReadAsync(session, table, features, ct);
            }

            var scores = customers.Scores;

            // Everything that can still fail is measured before the swap: once the new scores are in, the run is a success.
            progress?.Report($"Ranking {scores.Count} customers…");
            run.Rows = scores.Count;
            run.Mean = scores.Count == 0 ? null : scores.Average();
            var histogram = ScoreDistribution.Histogram(scores);
            run.HistogramJson = JsonSerializer.Serialize(histogram);
            // One sort serves the decile cuts here and the ranks the writer stores.
            var order = ScoreDistribution.Order(customers);
            run.DecileCutsJson = JsonSerializer.Serialize(ScoreDistribution.DecileCuts(scores, order));
            run.ScorePsi = await ScorePsiAsync(db, run, histogram, ct);

            progress?.Report("Measuring the drift…");
            if (await referenceRead is { } before)
            {
                var (drift, driftWarnings) = FeatureDriftMeasure.Measure(features, before, current);
                run.FeaturePsiJson = JsonSerializer.Serialize(drift, ScoreDefinitionJson.Options);
                warnings.AddRange(driftWarnings);
            }
            else
            {
                warnings.Add("The active version's training snapshot is gone: feature drift not measured.");
            }

            run.WarningsJson = JsonSerializer.Serialize(warnings, ScoreDefinitionJson.Options);
            await ScoreWriter.WriteAsync(session, run.OutputTable, definition.KeyColumn, run.ReferenceDate, version.Number, customers, order, progress, ct);
        }
        finally
        {
            // A failure while the reference is read: that read stops, and its session closes, before the run ends.
            if (!referenceRead.IsCompleted)
            {
                await stop.CancelAsync();
                await referenceRead.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await SucceededAsync(db, run);
    }

    /// <summary>Recorded at once: a crash from here on must not be taken for a run that never swapped its scores in.</summary>
    private async Task SucceededAsync(CockpitDbContext db, ScoringRun run)
    {
        (run.Status, run.FinishedAt) = (ScoringStatus.Succeeded, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Against the previous reference date's latest successful run: re-scoring an old month compares it with the month before.</summary>
    private static async Task<double?> ScorePsiAsync(CockpitDbContext db, ScoringRun run, double[] histogram, CancellationToken ct)
    {
        var previous = await db.ScoringRuns.AsNoTracking()
            .Where(r => r.ScoreId == run.ScoreId && r.Status == ScoringStatus.Succeeded && r.ReferenceDate < run.ReferenceDate)
            .OrderByDescending(r => r.ReferenceDate).ThenByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return previous is null ? null : Math.Round(Psi.Compute(JsonSerializer.Deserialize<double[]>(previous.HistogramJson)!, histogram), 6);
    }

    /// <summary>
    /// Reads the key and the model's columns in batches and scores each with the compiled plan while the next is read:
    /// the warehouse read and the kernel overlap, and only keys and scores stay, compact. The drift's sample of the
    /// snapshot is taken from the same batches.
    /// </summary>
    private static async Task<(ScoredCustomers Customers, List<string> Warnings)> ReadScoresAsync(
        Warehouse.WarehouseSession session, CompiledModel model, string table, HashSet<string> held, string key, DriftSample drift, CancellationToken ct)
    {
        var where = $"the snapshot {table}";
        var keyColumn = held.FirstOrDefault(h => string.Equals(h, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new ModelInputException($"The key column '{key}' is not in {where}.");
        var wanted = model.Columns.Where(c => held.Contains(c.Key) && !string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (feature, use) in drift.Uses.Where(u => !string.Equals(u.Key, key, StringComparison.OrdinalIgnoreCase)))
        {
            wanted[feature] = wanted.GetValueOrDefault(feature) | use;
        }

        var q = session.Dialect.QuoteIdentifier;
        // The key comes first: a sequential reader gives it before the inputs of its row.
        var sql = $"SELECT {string.Join(", ", new[] { keyColumn }.Concat(wanted.Keys).Select(q))} FROM {q(table)}";
        await using var reader = await session.ReadAsync(Warehouse.RenderedSql.Plain(sql), ct);
        var customers = new ScoredCustomers();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ColumnBatch? Next()
        {
            var batch = ColumnBatch.Read(reader, wanted, BatchRows, row =>
            {
                customers.AddKey(row, 0);
                return true;
            }, stop.Token);
            if (batch is not null)
            {
                drift.Add(batch);
            }

            return batch;
        }

        var warnings = model.Plan.Inputs.Where(i => !held.Contains(i.Name)).Select(i => CompiledModel.MissingColumn(i.Name, where)).ToList();
        var scores = new double[BatchRows];
        var next = Task.Run(Next, stop.Token);
        try
        {
            var batch = await next;
            while (batch is not null)
            {
                // The next batch is read (its keys appended) while this one is scored; this one's scores are appended
                // once that read is over, so the store is never touched by two threads at once.
                next = Task.Run(Next, stop.Token);
                model.Score(batch, scores, where);
                var scored = batch.Rows;
                batch = await next;
                customers.AddScores(scores.AsSpan(0, scored));
            }
        }
        finally
        {
            // A failure while the next batch is being read: that read stops before the reader is closed under it.
            if (!next.IsCompleted)
            {
                await stop.CancelAsync();
                await next.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        return (customers, warnings);
    }

    /// <summary>Rows per batch: 64K rows × 40 columns is about 10 MB of floats, enough to keep both cores busy.</summary>
    private const int BatchRows = 1 << 16;

    /// <summary>ML.NET's own row-by-row path: the reference the kernel is measured against.</summary>
    private static async Task<(ScoredCustomers Customers, List<string> Warnings)> ReadScoresWithMlNetAsync(
        Warehouse.WarehouseSession session, ModelScorer scorer, string table, string key, CancellationToken ct)
    {
        await using var reader = await session.ReadAsync(Warehouse.RenderedSql.Plain($"SELECT * FROM {session.Dialect.QuoteIdentifier(table)}"), ct);
        var scoring = scorer.Score(reader, key, $"the snapshot {table}");
        var customers = new ScoredCustomers();
        await Task.Run(() =>
        {
            foreach (var row in scoring.Rows)
            {
                customers.Add(row.Key, row.Probability ?? row.Score);
            }
        }, ct);
        return (customers, [.. scoring.Warnings]);
    }
}
