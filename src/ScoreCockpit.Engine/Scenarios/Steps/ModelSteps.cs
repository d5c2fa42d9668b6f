using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Units;

namespace ScoreCockpit.Engine.Scenarios.Steps;

/// <summary>
/// Trains the month's version; a version already trained as of that day is reused, so a re-run adds nothing, and so is
/// the previous version when no new data came since ("no new data: same as vN").
/// </summary>
public sealed class TrainVersionExecutor(UnitDispatcher units) : IStepExecutor
{
    public string Type => StepTypes.TrainVersion;

    public Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var asOf = ((TrainVersionStep)step).AsOf is { } expression ? context.Date(expression) : context.Today;
        return UnitSteps.RunAsync(units, new UnitOfWork(UnitKind.Train, context.ScoreOf(step)) { Date = asOf }, context, ct);
    }
}

public sealed class TrainChallengersExecutor(UnitDispatcher units) : IStepExecutor
{
    public string Type => StepTypes.TrainChallengers;

    public Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var asOf = ((TrainChallengersStep)step).AsOf is { } expression ? context.Date(expression) : context.Today;
        return UnitSteps.RunAsync(units, new UnitOfWork(UnitKind.TrainChallengers, context.ScoreOf(step)) { Date = asOf }, context, ct);
    }
}

/// <summary>Evaluates every (version, labelled date) pair not yet evaluated, as of the run's day.</summary>
public sealed class EvaluateAllVersionsExecutor(EvaluationUnits evaluations, RefreshLabelsHandler labels) : IStepExecutor
{
    public string Type => StepTypes.EvaluateAllVersions;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var score = context.ScoreOf(step);
        await RefreshLabelsExecutor.RefreshAsync(labels, score, context, ct);
        // One unit per labelled date on the installation's executor (in this process: the whole run at once).
        var summary = await evaluations.HandleAsync(new EvaluateAllVersions(score, AsOf: context.Today), context.Actor, log: context.Log,
            scenarioRunId: context.Run.Id, ct: ct);
        context.Log($"{summary.Computed} evaluation(s) computed, {summary.Failed} failed, {summary.AlreadyDone} already there, over {summary.Dates.Count} labelled date(s)");
        context.Output("evaluations", summary.Computed);
        context.Output("failed", summary.Failed);
        if (summary.Dates.Count > 0)
        {
            context.Output("latest_date", summary.Dates.Max());
        }
    }
}

/// <summary>Deletes versions trained up to a date; the active version and every evaluation stay.</summary>
public sealed class PurgeVersionsExecutor(PurgeVersionsHandler purge) : IStepExecutor
{
    public string Type => StepTypes.PurgeVersions;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var definition = (PurgeVersionsStep)step;
        var score = context.ScoreOf(step);
        var upTo = context.Date(definition.UpTo);
        var plan = await purge.HandleAsync(new PurgeVersions(score, upTo, definition.DryRun), context.Actor, ct);
        context.Log($"{(definition.DryRun ? "Would purge" : "Purged")} {plan.Purged.Count} version(s) trained up to {StepContext.Day(upTo)}"
            + (plan.Kept.Count > 0 ? $"; kept {string.Join(", ", plan.Kept.Select(k => $"{k.Version} ({k.Reason})"))}" : ""));
        context.Output("purged", plan.Purged.Count);
    }
}

/// <summary>
/// Refreshes the labels that have become final (see <see cref="RefreshLabelsHandler"/>) and says in the run log how many
/// changed; training and evaluation steps do it first too, so their figures never rest on incomplete labels.
/// </summary>
public sealed class RefreshLabelsExecutor(RefreshLabelsHandler labels) : IStepExecutor
{
    public string Type => StepTypes.RefreshLabels;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var done = await RefreshAsync(labels, context.ScoreOf(step), context, ct);
        if (done.Count == 0)
        {
            context.Log("No label is due for a refresh");
        }

        context.Output("refreshed", done.Count);
        context.Output("labels_changed", done.Sum(d => d.Changed));
    }

    internal static async Task<IReadOnlyList<LabelRefresh>> RefreshAsync(RefreshLabelsHandler labels, string score, StepContext context, CancellationToken ct)
    {
        var done = await labels.HandleAsync(new RefreshLabels(score), context.Actor, ct: ct);
        foreach (var refresh in done)
        {
            context.Log($"Labels refreshed, {refresh.Describe()}");
        }

        return done;
    }
}
