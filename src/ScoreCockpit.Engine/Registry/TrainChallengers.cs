using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Registry;

/// <summary>Train the score's challengers as of a date, on the same data a new version of that date uses.</summary>
public sealed record TrainChallengers(string Score, DateOnly AsOf);

/// <summary>
/// Each challenger gets the window and features of the score's own training and only its algorithm and
/// hyperparameters changed, so versions and challengers of one date compare on equal terms. Like the score's own
/// version, a challenger whose data did not change since its previous version is not trained again.
/// </summary>
public sealed class TrainChallengersHandler(VersionTraining training)
{
    public async Task<IReadOnlyList<TrainingOutcome>> HandleAsync(TrainChallengers request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "train challengers");
        var plan = await training.PlanAsync(request.Score, request.AsOf, ct);
        var trained = new List<TrainingOutcome>();
        foreach (var challenger in plan.Definition.Challengers)
        {
            var configuration = plan.Request with { Algorithm = challenger.Algorithm, Hyperparameters = challenger.Hyperparameters };
            trained.Add(await training.TrainAsync(plan, configuration, request.AsOf, challenger.Name, actor, ct));
        }

        return trained;
    }
}
