using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Registry;

/// <summary>The snapshots a training as of a date may use: those whose labels were known on that date.</summary>
public sealed record TrainingWindow(IReadOnlyList<DateOnly> TrainingDates, DateOnly ValidationDate);

/// <summary>
/// Which reference dates have known labels on a given day (reference date + horizon ≤ that day), and so
/// which a version trained that day may read. Pure: the leakage rule lives here and nowhere else.
/// </summary>
public static class LabelCalendar
{
    public const int DefaultWindow = 12;

    public static bool IsLabelled(DateOnly referenceDate, Scores.LabelHorizon horizon, DateOnly asOf) =>
        horizon.EndOf(referenceDate) <= asOf;

    public static IReadOnlyList<DateOnly> Labelled(IEnumerable<DateOnly> referenceDates, Scores.LabelHorizon horizon, DateOnly asOf) =>
        referenceDates.Where(d => IsLabelled(d, horizon, asOf)).Distinct().Order().ToList();

    /// <summary>Whether <see cref="Window"/> finds something to train on and a date to validate on, that day.</summary>
    public static bool CanTrain(IEnumerable<DateOnly> referenceDates, Scores.LabelHorizon horizon, DateOnly asOf, IReadOnlySet<DateOnly>? thin = null)
    {
        var labelled = Labelled(referenceDates, horizon, asOf);
        return labelled.Skip(1).Any(d => thin?.Contains(d) != true);
    }

    /// <summary>
    /// The latest labelled date that is not <paramref name="thin"/> validates; the <paramref name="window"/> labelled
    /// dates before it train. At least two labelled dates are needed, the later of them not thin.
    /// </summary>
    public static TrainingWindow Window(IEnumerable<DateOnly> referenceDates, Scores.LabelHorizon horizon, DateOnly asOf, int window = DefaultWindow,
        IReadOnlySet<DateOnly>? thin = null)
    {
        var labelled = Labelled(referenceDates, horizon, asOf);
        if (labelled.Count < 2)
        {
            throw new CockpitValidationException(
                $"Training as of {asOf:yyyy-MM-dd} needs at least two snapshots whose labels were known then " +
                $"(reference date + {horizon} on or before {asOf:yyyy-MM-dd}); there {(labelled.Count == 1 ? "is one" : "are none")}.");
        }

        // A thin date validates nothing: a handful of rows would pick or reject a model by chance.
        var at = labelled.Count - 1;
        while (at > 0 && thin?.Contains(labelled[at]) == true)
        {
            at--;
        }

        if (at == 0)
        {
            throw new CockpitValidationException(
                $"Training as of {asOf:yyyy-MM-dd} needs a labelled date with enough rows and positives to validate on, after at least one to train on; " +
                $"every labelled date after {labelled[0]:yyyy-MM-dd} is thin. Lower the score's thinDates minimums if its population is small.");
        }

        var validation = labelled[at];
        var training = labelled.Take(at).TakeLast(Math.Max(1, window)).ToList();
        return new TrainingWindow(training, validation);
    }
}
