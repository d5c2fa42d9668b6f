using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Registry;

/// <summary>Train a new version of a score as of a date (a unit of work). Never activates it.</summary>
public sealed record TrainVersion(string Score, DateOnly AsOf);

/// <summary>
/// What a training gave: a new version, or the existing one it would only have repeated because no new data came
/// (<see cref="Note"/> then says "no new data: same as vN").
/// </summary>
public sealed record TrainingOutcome(ModelVersion Version, bool IsNew)
{
    public string? Note => IsNew ? null : NoNewData.Note(Version.Number);
}

/// <summary>
/// Repeats the score's algorithm and hyperparameters on the snapshots whose labels were known on the
/// as-of date: the latest one validates, up to twelve before it train (see <see cref="VersionTraining"/>). A month
/// that brought no newly labelled snapshot trains nothing: the previous version stands.
/// </summary>
public sealed class TrainVersionHandler(VersionTraining training, Snapshots.RefreshLabelsHandler labels)
{
    public async Task<TrainingOutcome> HandleAsync(TrainVersion request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "train model versions");
        await labels.RefreshDueAsync(request.Score, actor, null, ct);
        var plan = await training.PlanAsync(request.Score, request.AsOf, ct);
        return await training.TrainAsync(plan, plan.Request, request.AsOf, null, actor, ct);
    }
}
