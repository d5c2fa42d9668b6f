using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>Which snapshot dates an evaluation may use on a given day: only those whose labels are known.</summary>
internal static class EvaluationDates
{
    public static IReadOnlyList<DateOnly> For(ScoreScope scope, DateOnly asOf, DateOnly? only)
    {
        var (horizon, score) = (scope.Definition.Horizon, scope.Score.Name);
        if (only is not { } date)
        {
            return scope.LabelledOn(asOf);
        }

        if (scope.At(date) is null)
        {
            throw new CockpitValidationException(
                $"The score '{score}' has no snapshot for {date:yyyy-MM-dd}: build it first, then evaluate.");
        }

        if (!LabelCalendar.IsLabelled(date, horizon, asOf))
        {
            throw new CockpitValidationException(
                $"The labels of {date:yyyy-MM-dd} are known only from {horizon.EndOf(date):yyyy-MM-dd} " +
                $"(horizon {horizon}): evaluating it on {asOf:yyyy-MM-dd} would use outcomes not yet known.");
        }

        if (scope.Labels[date] == Snapshots.LabelState.Pending)
        {
            throw new CockpitValidationException(
                $"The snapshot of {date:yyyy-MM-dd} was read before its labels were final ({scope.FinalOn(date):yyyy-MM-dd}): its labels are pending. " +
                "Refresh its labels (scorecockpit snapshots refresh-labels), then evaluate.");
        }

        return [date];
    }
}
