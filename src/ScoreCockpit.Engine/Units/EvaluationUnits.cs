using System.Diagnostics;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Settings;

namespace ScoreCockpit.Engine.Units;

/// <summary>
/// Evaluate-all through an executor: planned here (labels refreshed first, so no unit has to), split into one unit per
/// labelled date with the versions still to evaluate there, run side by side. Each unit computes its pairs exactly as
/// the in-process run does, so the stored evaluations are the same. In-process, it is the in-process run itself.
/// </summary>
public sealed class EvaluationUnits(EvaluateAllVersionsHandler evaluate, UnitDispatcher dispatcher, CockpitClock clock)
{
    public async Task<EvaluationRunSummary> HandleAsync(EvaluateAllVersions request, Actor actor, ExecutorChoice? choice = null,
        Action<string>? log = null, long? scenarioRunId = null, CancellationToken ct = default)
    {
        choice ??= dispatcher.Installation;
        log ??= _ => { };
        if (choice.Kind == ExecutorKind.InProcess)
        {
            return await evaluate.HandleAsync(request, actor, new InlineProgress<string>(log), ct);
        }

        var watch = Stopwatch.StartNew();
        // "Today" is fixed here, once: every unit sees the same label calendar, whatever its process's clock says.
        var asOf = request.AsOf ?? clock.Today;
        var plan = await evaluate.PlanAsync(request with { AsOf = asOf }, actor, ct);
        var units = plan.Work.Select(w => new UnitOfWork(UnitKind.Evaluate, request.Score)
        {
            Date = w.Date,
            AsOf = asOf,
            Versions = w.Versions,
            Execution = request.Execution,
            Recompute = request.Recompute,
        }).ToList();
        if (units.Count > 0)
        {
            log($"{request.Score}: {units.Count} date(s) to evaluate, as {units.Count} unit(s) on {choice.Name} with {choice.Workers} worker(s)");
        }

        var results = await dispatcher.RunAllAsync(units, actor, log, choice, scenarioRunId, ct);
        UnitFailedException.ThrowIfAny(units.Zip(results));
        return new EvaluationRunSummary(request.Score, plan.Dates, results.Sum(r => (int)r.Number("evaluations")), results.Sum(r => (int)r.Number("failed")),
            plan.AlreadyDone, plan.PurgedVersions, watch.Elapsed)
        {
            Execution = results.Select(r => r.Has("execution") ? r.Text("execution") : null).FirstOrDefault(e => e is not null) is { } where
                ? $"{where}; {units.Count} unit(s) on {choice.Name}, {choice.Workers} worker(s)"
                : null,
        };
    }
}
