namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// Rows sorted once by score, ascending, with their labels alongside, and the tie groups of that order: the metric
/// set, the DeLong interval and the lift bootstrap of one evaluation all start from it, so the rows are sorted once.
/// </summary>
internal sealed class RankedRows
{
    private RankedRows(double[] keys, bool[] labels)
    {
        Keys = keys;
        Labels = labels;
        Groups = TieGroups.FromSorted(keys, labels);
    }

    public double[] Keys { get; }

    public bool[] Labels { get; }

    public TieGroups Groups { get; }

    /// <summary>Sorts copies; the inputs are left as they are. Validate them first.</summary>
    public static RankedRows Of(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var keys = scores.ToArray();
        var sorted = labels.ToArray();
        Array.Sort(keys, sorted);
        return new RankedRows(keys, sorted);
    }
}
