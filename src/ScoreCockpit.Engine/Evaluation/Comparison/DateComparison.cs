namespace ScoreCockpit.Engine.Evaluation.Comparison;

/// <summary>One point of a gains or lift curve: the share of customers targeted (0 to 1, best scores first) and the figure there.</summary>
public sealed record CurvePoint(double Share, double Value);

/// <summary>
/// One version scored on the comparison's rows. <paramref name="VersusActive"/> is its AUC minus the active
/// version's on the same rows with the DeLong interval; null for the active version itself, when none is active,
/// or when the version could not score the snapshot (<paramref name="Failure"/> says why).
/// </summary>
public sealed record VersionOnDate(
    int Number, string? ChallengerName, bool Active, EvaluationKind Kind, double? Auc, IReadOnlyList<CutoffMetric> Cutoffs,
    AucDifference? VersusActive, IReadOnlyList<CurvePoint> Gains, IReadOnlyList<CurvePoint> Lift,
    IReadOnlyList<string> Warnings, string? Failure)
{
    public bool InSample => Kind == EvaluationKind.InSample;
}

/// <summary>
/// Versions scored on the same labelled snapshot: the evidence for or against a promotion. <paramref name="Thin"/>
/// says why there is none: the date has fewer rows or positives than the score's minimum.
/// </summary>
public sealed record DateComparison(DateOnly Date, long Rows, double BaseRate, IReadOnlyList<VersionOnDate> Versions, string? Thin = null)
{
    public VersionOnDate? ActiveVersion => Versions.FirstOrDefault(v => v.Active);
}
