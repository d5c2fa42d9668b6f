using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios.Steps;

/// <summary>
/// Trains the month's version; a version already trained as of that day is reused, so a re-run adds nothing, and so is
/// the previous version when no new data came since ("no new data: same as vN").
/// </summary>
public sealed class TrainVersionExecutor(IDbContextFactory<CockpitDbContext> contexts, TrainVersionHandler train, RefreshLabelsHandler labels) : IStepExecutor
{
    public string Type => StepTypes.TrainVersion;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var definition = (TrainVersionStep)step;
        var score = context.ScoreOf(step);
        var asOf = definition.AsOf is null ? context.Today : context.Date(definition.AsOf);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await ScoreRecords.FindAsync(db, score, ct);
        var version = (await TrainedVersions.OfDayAsync(db, record.Id, asOf, ct)).FirstOrDefault(v => v.ChallengerName is null);
        var reused = version is not null;
        string? noNewData = null;
        if (version is null)
        {
            await RefreshLabelsExecutor.RefreshAsync(labels, score, context, ct);
            context.Log($"Training {score} as of {StepContext.Day(asOf)}");
            var outcome = await train.HandleAsync(new TrainVersion(score, asOf), context.Actor, ct);
            (version, noNewData) = (outcome.Version, outcome.Note);
        }

        context.Log(reused
            ? $"{score} already has version {version.Number} trained as of {StepContext.Day(asOf)}: reused"
            : noNewData is not null
                ? $"{score} as of {StepContext.Day(asOf)}: {noNewData}; nothing trained"
                : $"Version {version.Number} trained on {version.TrainingRows:N0} rows, validation AUC {version.ValidationAuc:0.000}");
        context.Output("version", version.Number);
        context.Output("reused", reused || noNewData is not null);
        context.Output("no_new_data", noNewData is not null);
        if (version.ValidationAuc is { } auc)
        {
            context.Output("auc", auc);
        }
    }
}

public sealed class TrainChallengersExecutor(IDbContextFactory<CockpitDbContext> contexts, TrainChallengersHandler challengers) : IStepExecutor
{
    public string Type => StepTypes.TrainChallengers;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var definition = (TrainChallengersStep)step;
        var score = context.ScoreOf(step);
        var asOf = definition.AsOf is null ? context.Today : context.Date(definition.AsOf);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await ScoreRecords.FindAsync(db, score, ct);
        var existing = (await TrainedVersions.OfDayAsync(db, record.Id, asOf, ct)).Count(v => v.ChallengerName is not null);
        if (existing > 0)
        {
            context.Log($"{score} already has {existing} challenger(s) trained as of {StepContext.Day(asOf)}: kept");
            context.Output("count", existing);
            return;
        }

        var outcomes = await challengers.HandleAsync(new TrainChallengers(score, asOf), context.Actor, ct);
        var trained = outcomes.Where(o => o.IsNew).Select(o => o.Version).ToList();
        if (outcomes.Count == 0)
        {
            context.Log($"{score} defines no challengers");
        }

        if (trained.Count > 0)
        {
            context.Log($"Trained {string.Join(", ", trained.Select(v => $"{v.ChallengerName} (version {v.Number})"))}");
        }

        foreach (var same in outcomes.Where(o => !o.IsNew))
        {
            context.Log($"Challenger {same.Version.ChallengerName}: {same.Note}; nothing trained");
        }

        context.Output("count", trained.Count);
    }
}

/// <summary>Evaluates every (version, labelled date) pair not yet evaluated, as of the run's day.</summary>
public sealed class EvaluateAllVersionsExecutor(EvaluateAllVersionsHandler evaluate, RefreshLabelsHandler labels) : IStepExecutor
{
    public string Type => StepTypes.EvaluateAllVersions;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var score = context.ScoreOf(step);
        await RefreshLabelsExecutor.RefreshAsync(labels, score, context, ct);
        var summary = await evaluate.HandleAsync(new EvaluateAllVersions(score, AsOf: context.Today), context.Actor, ct: ct);
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
