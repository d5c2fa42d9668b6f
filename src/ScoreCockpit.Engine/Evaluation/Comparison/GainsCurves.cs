namespace ScoreCockpit.Engine.Evaluation.Comparison;

/// <summary>
/// Cumulative gains (capture) and lift at every whole percent of customers targeted, from the same metric code as
/// the stored evaluations, so a curve at 10 % reads exactly the table's lift at 10 % (ties shared pro rata).
/// </summary>
public static class GainsCurves
{
    /// <summary>Whole percents 1 to 100.</summary>
    public static readonly IReadOnlyList<decimal> Percents = [.. Enumerable.Range(1, 100).Select(p => (decimal)p)];

    /// <summary>Both curves; empty when the labels hold no positive (capture and lift are undefined).</summary>
    public static (IReadOnlyList<CurvePoint> Gains, IReadOnlyList<CurvePoint> Lift) From(IReadOnlyList<CutoffMetric> atEveryPercent)
    {
        var points = atEveryPercent.Where(c => c.Capture is not null && c.Lift is not null).OrderBy(c => c.Percent).ToList();
        if (points.Count == 0)
        {
            return ([], []);
        }

        // Targeting nobody catches nobody: the gains curve starts at the origin, as readers expect.
        IReadOnlyList<CurvePoint> gains = [new CurvePoint(0, 0), .. points.Select(c => new CurvePoint((double)c.Percent / 100, c.Capture!.Value))];
        IReadOnlyList<CurvePoint> lift = [.. points.Select(c => new CurvePoint((double)c.Percent / 100, c.Lift!.Value))];
        return (gains, lift);
    }

    /// <summary>The score's own cut-offs and every whole percent, once each, for one metric pass.</summary>
    public static IReadOnlyList<decimal> WithCutoffs(IReadOnlyList<decimal> cutoffs) => [.. cutoffs.Union(Percents).Order()];
}
