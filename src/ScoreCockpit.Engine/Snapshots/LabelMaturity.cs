namespace ScoreCockpit.Engine.Snapshots;

/// <summary>Whether a snapshot's target can be trusted yet: final, or pending until a label refresh.</summary>
public enum LabelState
{
    Final,
    Pending,
}

/// <summary>
/// A snapshot's target is final on reference date + horizon. Read before that day it is incomplete (events after the
/// reading were not in the warehouse yet), so the snapshot is pending until a label refresh reads it again. Pure: the
/// rule lives here and every surface (training, evaluation, lists, CLI) asks it.
/// </summary>
public static class LabelMaturity
{
    public static DateOnly FinalOn(DateOnly referenceDate, Scores.LabelHorizon horizon) =>
        horizon.EndOf(referenceDate);

    /// <param name="readOn">The cockpit day the target was last read (built or refreshed).</param>
    public static LabelState State(DateOnly referenceDate, Scores.LabelHorizon horizon, DateOnly readOn) =>
        readOn >= FinalOn(referenceDate, horizon) ? LabelState.Final : LabelState.Pending;

    /// <summary>A pending snapshot whose final day has come: a refresh now reads its final labels.</summary>
    public static bool IsDue(DateOnly referenceDate, Scores.LabelHorizon horizon, DateOnly readOn, DateOnly today) =>
        State(referenceDate, horizon, readOn) == LabelState.Pending && FinalOn(referenceDate, horizon) <= today;

    public static string Word(LabelState state) => state == LabelState.Final ? "final" : "pending";
}
