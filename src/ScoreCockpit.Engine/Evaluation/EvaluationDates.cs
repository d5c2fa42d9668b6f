using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>Which snapshot dates an evaluation may use on a given day: only those whose labels are known.</summary>
internal static class EvaluationDates
{
    public static IReadOnlyList<DateOnly> For(IEnumerable<DateOnly> snapshotDates, int horizonMonths, DateOnly asOf, DateOnly? only, string score)
    {
        var all = snapshotDates.ToList();
        if (only is not { } date)
        {
            return LabelCalendar.Labelled(all, horizonMonths, asOf);
        }

        if (!all.Contains(date))
        {
            throw new CockpitValidationException(
                $"The score '{score}' has no snapshot for {date:yyyy-MM-dd}: build it first, then evaluate.");
        }

        if (!LabelCalendar.IsLabelled(date, horizonMonths, asOf))
        {
            throw new CockpitValidationException(
                $"The labels of {date:yyyy-MM-dd} are known only from {BuiltInVariables.EndOfMonthAfter(date, horizonMonths):yyyy-MM-dd} " +
                $"(horizon {horizonMonths} months): evaluating it on {asOf:yyyy-MM-dd} would use outcomes not yet known.");
        }

        return [date];
    }
}
