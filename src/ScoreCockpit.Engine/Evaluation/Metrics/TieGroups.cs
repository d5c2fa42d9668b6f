namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// Rows sorted once by score, descending, and folded into groups of equal score: every metric here is a function
/// of the groups' row and positive counts, so the one O(n log n) sort is shared and the rest is linear or better.
/// </summary>
internal sealed class TieGroups
{
    private TieGroups(long[] rows, long[] positives, long[] cumulativeRows, long[] cumulativePositives)
    {
        Rows = rows;
        PositivesIn = positives;
        CumulativeRows = cumulativeRows;
        CumulativePositives = cumulativePositives;
    }

    /// <summary>Rows per group, highest score first.</summary>
    public long[] Rows { get; }

    public long[] PositivesIn { get; }

    /// <summary>Rows in groups 0..g inclusive, so a cut can be located by binary search.</summary>
    public long[] CumulativeRows { get; }

    public long[] CumulativePositives { get; }

    public int Count => Rows.Length;

    public long TotalRows => CumulativeRows.Length == 0 ? 0 : CumulativeRows[^1];

    public long TotalPositives => CumulativePositives.Length == 0 ? 0 : CumulativePositives[^1];

    /// <summary>Groups of <paramref name="keys"/> sorted ascending (with their labels alongside).</summary>
    public static TieGroups FromSorted(double[] keys, bool[] labels)
    {
        var rows = new List<long>();
        var positives = new List<long>();
        for (var end = keys.Length; end > 0;)
        {
            var start = end - 1;
            long caught = labels[start] ? 1 : 0;
            // Equality rather than CompareTo: -0.0 and 0.0 are one score, as they are to scikit-learn.
            while (start > 0 && keys[start - 1] == keys[end - 1])
            {
                start--;
                caught += labels[start] ? 1 : 0;
            }

            rows.Add(end - start);
            positives.Add(caught);
            end = start;
        }

        return FromCounts([.. rows], [.. positives]);
    }

    public static TieGroups FromCounts(long[] rows, long[] positives)
    {
        var cumulativeRows = new long[rows.Length];
        var cumulativePositives = new long[rows.Length];
        long r = 0, p = 0;
        for (var g = 0; g < rows.Length; g++)
        {
            cumulativeRows[g] = r += rows[g];
            cumulativePositives[g] = p += positives[g];
        }

        return new TieGroups(rows, positives, cumulativeRows, cumulativePositives);
    }

    /// <summary>
    /// Expected positives among the top <paramref name="take"/> rows under random tie-breaking: whole groups above the
    /// cut, and the group the cut falls in pro rata. O(log groups).
    /// </summary>
    public double PositivesInTop(double take)
    {
        if (take <= 0 || Count == 0)
        {
            return 0;
        }

        if (take >= TotalRows)
        {
            return TotalPositives;
        }

        // First group whose cumulative row count reaches the cut.
        int low = 0, high = Count - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (CumulativeRows[mid] >= take)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        long rowsAbove = low == 0 ? 0 : CumulativeRows[low - 1];
        long positivesAbove = low == 0 ? 0 : CumulativePositives[low - 1];
        return positivesAbove + (PositivesIn[low] * ((take - rowsAbove) / Rows[low]));
    }
}
