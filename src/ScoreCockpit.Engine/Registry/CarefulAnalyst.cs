using System.Globalization;

namespace ScoreCockpit.Engine.Registry;

/// <summary>A version's out-of-time AUC on the latest labelled date, as an analyst reads it in the comparison.</summary>
public sealed record Candidate(int Version, DateOnly AsOfDate, double? Auc, double? AucUpper = null);

/// <summary>
/// The activations a careful analyst would have made, for replaying a realistic history (the demo): the first
/// version goes live; later, a new version replaces the active one only when it is clearly better on the same
/// latest labelled month (AUC up by <see cref="ClearGain"/> and above the active one's 95 % interval, so noise on
/// a small population does not count), or when the active one is half a year old and the new one is at least as
/// good. Pure.
/// </summary>
public static class CarefulAnalyst
{
    public const double ClearGain = 0.02;
    public const int RefreshMonths = 6;

    /// <summary>The comment of the activation, or null to keep the active version.</summary>
    public static string? Decide(Candidate? active, Candidate candidate, DateOnly evaluationDate)
    {
        if (candidate.Auc is not { } auc)
        {
            return null;
        }

        var on = evaluationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (active is null)
        {
            return $"First version in production: AUC {Format(auc)} on {on}.";
        }

        var before = active.Auc ?? double.NegativeInfinity;
        if (auc >= before + ClearGain && auc > (active.AucUpper ?? double.NegativeInfinity))
        {
            return $"v{candidate.Version} is clearly better on {on}: AUC {Format(auc)} against {Format(active.Auc)} for v{active.Version}.";
        }

        if (active.AsOfDate.AddMonths(RefreshMonths) <= candidate.AsOfDate && auc >= before)
        {
            return $"v{active.Version} is {RefreshMonths} months old; v{candidate.Version} is as good on {on} " +
                $"(AUC {Format(auc)} against {Format(active.Auc)}) and learnt from recent customers.";
        }

        return null;
    }

    private static string Format(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "none";
}
