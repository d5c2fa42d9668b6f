using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// Evaluate every stored version (challengers included) on every labelled snapshot of a score, or on one
/// date. Incremental: pairs already evaluated are kept unless <paramref name="Recompute"/> is asked.
/// <paramref name="AsOf"/> is "today" for the label calendar (a backfill replays past days). <paramref name="Execution"/>
/// overrides where the versions are scored and measured, for this run only. <paramref name="Versions"/> limits the run
/// to these version numbers (a unit of an evaluation split by date).
/// </summary>
public sealed record EvaluateAllVersions(string Score, DateOnly? Date = null, bool Recompute = false, DateOnly? AsOf = null,
    PushDown.Execution? Execution = null, IReadOnlyList<int>? Versions = null);

/// <summary>What an evaluation run has to do: per labelled date, the numbers of the versions to evaluate there.</summary>
public sealed record EvaluationPlan(IReadOnlyList<DateOnly> Dates, IReadOnlyList<(DateOnly Date, IReadOnlyList<int> Versions)> Work, int AlreadyDone, int PurgedVersions);

public sealed record EvaluationRunSummary(
    string Score, IReadOnlyList<DateOnly> Dates, int Computed, int Failed, int AlreadyDone, int PurgedVersions, TimeSpan Duration)
{
    /// <summary>Where the evaluations ran and why ("in-warehouse: asked for this run"); null when there was nothing to evaluate.</summary>
    public string? Execution { get; init; }
}

public sealed partial class EvaluateAllVersionsHandler(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, ScoringPlans plans, TimeProvider time, CockpitClock clock,
    Snapshots.RefreshLabelsHandler labels)
{
    public async Task<EvaluationRunSummary> HandleAsync(EvaluateAllVersions request, Actor actor,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "evaluate model versions");
        var watch = Stopwatch.StartNew();
        var asOf = request.AsOf ?? clock.Today;
        await labels.RefreshDueAsync(request.Score, actor, progress, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scope = await ScoreScope.LoadAsync(db, request.Score, clock, ct);
        var (score, definition, snapshots) = (scope.Score, scope.Definition, scope.Snapshots);
        var (dates, versions, live, work) = await PendingAsync(db, scope, request, asOf, ct);
        var already = (dates.Count * live.Count) - work.Sum(w => w.Versions.Count);
        var results = new ConcurrentBag<VersionEvaluation>();
        using var saving = new SemaphoreSlim(1);
        var choice = work.Count == 0 ? null : await ChooseAsync(db, score.Id, request.Execution, definition, work, snapshots, ct);
        if (choice is not null)
        {
            progress?.Report($"{score.Name}: evaluating {ExecutionNames.Of(choice.Where)} ({choice.Reason})");
        }
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };

        // Dates in parallel, each with its own warehouse session and snapshot in memory as typed columns; the kernel
        // spreads each version's rows over the cores too. A compiled plan is shared: a version may score two dates at once.
        await Parallel.ForEachAsync(work, parallel, async (item, token) =>
        {
            progress?.Report($"{score.Name} {item.Date:yyyy-MM-dd}: {item.Versions.Count} version(s)");
            var now = time.GetUtcNow().UtcDateTime;
            var table = snapshots.Single(s => s.ReferenceDate == item.Date).TableName;
            var evaluations = choice!.Where == Execution.InWarehouse
                ? await InWarehouseAsync(score.Name, definition, item.Date, table, item.Versions, choice, progress, now, token)
                : await InProcessAsync(score.Name, definition, item.Date, table, item.Versions, parallel, now, token);

            await saving.WaitAsync(token);
            try
            {
                await SaveAsync(item.Date, score.Id, evaluations, token);
            }
            finally
            {
                saving.Release();
            }

            foreach (var evaluation in evaluations)
            {
                results.Add(evaluation);
            }
        });

        var failed = results.Count(r => r.Failure is not null);
        Telemetry.CockpitTelemetry.Evaluated(score.Name, results.Count - failed, failed, watch.Elapsed);
        return new EvaluationRunSummary(score.Name, dates, results.Count - failed, failed, already, versions.Count - live.Count, watch.Elapsed)
        {
            Execution = choice is null ? null : $"{ExecutionNames.Of(choice.Where)}: {choice.Reason}",
        };
    }

    /// <summary>
    /// The (date, versions) pairs a run would compute, without computing them: an evaluation split into units (one per
    /// date) is planned here, after the labels that became final were refreshed, so that no unit has to.
    /// </summary>
    public async Task<EvaluationPlan> PlanAsync(EvaluateAllVersions request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "evaluate model versions");
        var asOf = request.AsOf ?? clock.Today;
        await labels.RefreshDueAsync(request.Score, actor, null, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scope = await ScoreScope.LoadAsync(db, request.Score, clock, ct);
        var (dates, versions, live, work) = await PendingAsync(db, scope, request, asOf, ct);
        return new EvaluationPlan(dates, work.Select(w => (w.Date, (IReadOnlyList<int>)w.Versions.Select(v => v.Number).ToList())).ToList(),
            (dates.Count * live.Count) - work.Sum(w => w.Versions.Count), versions.Count - live.Count);
    }

    /// <summary>The labelled dates, the versions that existed as of the day, those not purged (and asked for), and per date those still to evaluate.</summary>
    private static async Task<(IReadOnlyList<DateOnly> Dates, List<ModelVersion> Versions, List<ModelVersion> Live, List<(DateOnly Date, List<ModelVersion> Versions)> Work)>
        PendingAsync(CockpitDbContext db, ScoreScope scope, EvaluateAllVersions request, DateOnly asOf, CancellationToken ct)
    {
        var dates = EvaluationDates.For(scope, asOf, request.Date);
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ScoreId == scope.Score.Id && v.AsOfDate <= asOf).OrderBy(v => v.Number).ToListAsync(ct);
        var live = versions.Where(v => v.PurgedAt == null && (request.Versions is null || request.Versions.Contains(v.Number))).ToList();
        var done = (await db.Evaluations.AsNoTracking().Where(e => e.ScoreId == scope.Score.Id)
            .Select(e => new { e.VersionId, e.EvaluationDate }).ToListAsync(ct))
            .Select(e => (e.VersionId, e.EvaluationDate)).ToHashSet();
        var work = dates.Select(d => (Date: d, Versions: live.Where(v => request.Recompute || !done.Contains((v.Id, d))).ToList()))
            .Where(w => w.Versions.Count > 0).ToList();
        return (dates, versions, live, work);
    }

    /// <summary>A date's snapshot read once into memory, every version scored on it by the kernel.</summary>
    private async Task<ConcurrentBag<VersionEvaluation>> InProcessAsync(string scoreName, ScoreDefinition definition, DateOnly date, string table,
        List<ModelVersion> versions, ParallelOptions parallel, DateTime now, CancellationToken token)
    {
        LabelledSnapshot snapshot;
        await using (var session = await connections.OpenAsync(definition.Connection, token))
        {
            snapshot = await LabelledSnapshot.LoadAsync(session, date, table, definition.TargetColumn, definition.KeyColumn,
                LabelledSnapshot.Uses(versions), token);
        }

        var evaluations = new ConcurrentBag<VersionEvaluation>();
        await Parallel.ForEachAsync(versions, parallel, async (version, inner) =>
            evaluations.Add(await EvaluationUnit.RunAsync(() => plans.GetAsync(version, scoreName, inner), version, snapshot, definition, now)));
        return evaluations;
    }

    /// <summary>One transaction per date: a recompute replaces that date's pairs and nothing else.</summary>
    private async Task SaveAsync(DateOnly date, int scoreId, IReadOnlyCollection<VersionEvaluation> results, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = results.Select(r => r.VersionId).ToList();
        var replaced = await db.Evaluations.Where(e => e.ScoreId == scoreId && e.EvaluationDate == date && ids.Contains(e.VersionId)).ToListAsync(ct);
        db.Evaluations.RemoveRange(replaced);
        db.Evaluations.AddRange(results.OrderBy(r => r.VersionId));
        await db.SaveChangesAsync(ct);
    }
}
