using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>Score the customers of a snapshot (default: the latest) with the score's active version (a unit of work).</summary>
public sealed record RunScoring(string Score, DateOnly? Date = null);

/// <summary>
/// Streams the snapshot through the active version, ranks the customers, writes them to a staging table and swaps
/// them in for that date only (<see cref="ScoreOutput"/>), then records the distribution and its drift. The run is
/// in the store from its start, so a crash leaves a trace that the next start marks interrupted.
/// </summary>
public sealed class RunScoringHandler(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, ArtifactStore artifacts, RunLeases leases, TimeProvider time)
{
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
            await ScoreAsync(db, run, definition, version, snapshot.TableName, snapshots, progress, ct);
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
        }

        return run;
    }

    private async Task ScoreAsync(CockpitDbContext db, ScoringRun run, ScoreDefinition definition, ModelVersion version,
        string table, List<Snapshots.Snapshot> snapshots, IProgress<string>? progress, CancellationToken ct)
    {
        progress?.Report($"Scoring {table} with v{version.Number}…");
        var scorer = new ModelScorer(await artifacts.GetAsync(version.ArtifactSha256, ct));
        await using var session = await connections.OpenAsync(definition.Connection, ct);
        var (customers, warnings) = await ReadScoresAsync(session, scorer, table, definition.KeyColumn, ct);
        var scores = customers.Scores;

        // Everything that can still fail is measured before the swap: once the new scores are in, the run is a success.
        progress?.Report("Measuring the drift…");
        run.Rows = scores.Count;
        run.Mean = scores.Count == 0 ? null : scores.Average();
        var histogram = ScoreDistribution.Histogram(scores);
        run.HistogramJson = JsonSerializer.Serialize(histogram);
        // One sort serves the decile cuts here and the ranks the writer stores.
        var order = ScoreDistribution.Order(customers);
        run.DecileCutsJson = JsonSerializer.Serialize(ScoreDistribution.DecileCuts(scores, order));
        // The previous reference date's latest successful run: re-scoring an old month compares it with the month before.
        var previous = await db.ScoringRuns.AsNoTracking()
            .Where(r => r.ScoreId == run.ScoreId && r.Status == ScoringStatus.Succeeded && r.ReferenceDate < run.ReferenceDate)
            .OrderByDescending(r => r.ReferenceDate).ThenByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        run.ScorePsi = previous is null ? null
            : Math.Round(Psi.Compute(JsonSerializer.Deserialize<double[]>(previous.HistogramJson)!, histogram), 6);

        var trainingDates = VersionJson.Dates(version.TrainingDatesJson);
        var reference = snapshots.FirstOrDefault(s => trainingDates.Count > 0 && s.ReferenceDate == trainingDates[^1]);
        if (reference is not null)
        {
            var features = VersionJson.Schema(version.InputSchemaJson).ToDictionary(f => f.Name, f => f.Kind);
            var (drift, driftWarnings) = await FeatureDriftMeasure.MeasureAsync(session, features, reference.TableName, table, ct);
            run.FeaturePsiJson = JsonSerializer.Serialize(drift, ScoreDefinitionJson.Options);
            warnings.AddRange(driftWarnings);
        }
        else
        {
            warnings.Add("The active version's training snapshot is gone: feature drift not measured.");
        }

        run.WarningsJson = JsonSerializer.Serialize(warnings, ScoreDefinitionJson.Options);
        await ScoreWriter.WriteAsync(session, run.OutputTable, definition.KeyColumn, run.ReferenceDate, version.Number, customers, order, progress, ct);

        // Recorded at once: a crash from here on must not be taken for a run that never swapped its scores in.
        (run.Status, run.FinishedAt) = (ScoringStatus.Succeeded, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task<(ScoredCustomers Customers, List<string> Warnings)> ReadScoresAsync(
        Warehouse.WarehouseSession session, ModelScorer scorer, string table, string key, CancellationToken ct)
    {
        await using var reader = await session.ReadAsync(Warehouse.RenderedSql.Plain($"SELECT * FROM {session.Dialect.QuoteIdentifier(table)}"), ct);
        var scoring = scorer.Score(reader, key, $"the snapshot {table}");
        var customers = new ScoredCustomers();
        await Task.Run(() => Score(scoring, customers), ct);
        return (customers, [.. scoring.Warnings]);
    }

    /// <summary>Where the scores come from: the model, row by row, its probability when it is calibrated.</summary>
    private static void Score(ModelScorer.Scoring scoring, ScoredCustomers customers)
    {
        foreach (var row in scoring.Rows)
        {
            customers.Add(row.Key, row.Probability ?? row.Score);
        }
    }
}
