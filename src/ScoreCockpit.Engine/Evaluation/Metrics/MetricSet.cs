namespace ScoreCockpit.Engine.Evaluation;

/// <summary>Lift and capture (cumulative gain) of the top <see cref="Percent"/> % by score; null with no positives.</summary>
public sealed record CutoffMetric(decimal Percent, double? Lift, double? Capture)
{
    /// <summary>The lift's 95 % bootstrap interval, stored with each evaluation; null in evaluations stored before it was.</summary>
    public double? LiftLower { get; init; }

    public double? LiftUpper { get; init; }
}

/// <summary>
/// One tenth of the rows, from the top score down. Rows and positives are doubles because the cut between two
/// deciles may fall inside a group of tied scores (or between rows when the row count is not a multiple of 10),
/// and such a group is shared pro rata, as lift does. <see cref="Lift"/> is the decile's own response rate over
/// the base rate; <see cref="CumulativeCapture"/> is the share of all positives in deciles 1..<see cref="Decile"/>.
/// </summary>
public sealed record DecileRow(int Decile, double Rows, double Positives, double? ResponseRate, double? CumulativeCapture, double? Lift);

/// <summary>The metrics of one set of scores against known 0/1 labels (conventions of the scikit-learn oracle, tests/ScoreCockpit.Engine.Tests/Evaluation/Oracles/metrics.json).</summary>
public sealed record MetricSet
{
    public required long Rows { get; init; }

    public required long Positives { get; init; }

    public required double? BaseRate { get; init; }

    public required double? Auc { get; init; }

    public required double? Gini { get; init; }

    public required double? Ks { get; init; }

    public required IReadOnlyList<CutoffMetric> Cutoffs { get; init; }

    public required IReadOnlyList<DecileRow> Deciles { get; init; }

    public required double? Brier { get; init; }

    public required double? LogLoss { get; init; }

    /// <summary>Why some metrics are null (e.g. "the labels hold one class only"), or null.</summary>
    public string? UndefinedReason { get; init; }
}

/// <summary>Scores and labels that cannot be evaluated; the message names the problem and, when one row is at fault, its 1-based number.</summary>
public sealed class MetricInputException : Exception
{
    public MetricInputException()
    {
    }

    public MetricInputException(string message)
        : base(message)
    {
    }

    public MetricInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based row at fault, or null when the input as a whole is wrong.</summary>
    public long? Row { get; init; }
}
