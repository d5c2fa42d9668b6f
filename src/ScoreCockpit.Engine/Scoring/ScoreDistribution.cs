namespace ScoreCockpit.Engine.Scoring;

/// <summary>Ranks, deciles and the distribution summary of one run's scores. Pure.</summary>
public static class ScoreDistribution
{
    public const int HistogramBins = 20;

    /// <summary>Row indices from the highest score down; ties broken by key so a re-run ranks identically.</summary>
    public static int[] Order(IReadOnlyList<double> scores, IReadOnlyList<string> keys)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : string.CompareOrdinal(keys[a], keys[b]);
        });
        return order;
    }

    /// <summary>As above, over a run's compact store: one comparer for the whole sort, nothing allocated per comparison.</summary>
    internal static int[] Order(ScoredCustomers customers)
    {
        var order = new int[customers.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new RankComparer(customers));
        return order;
    }

    private sealed class RankComparer(ScoredCustomers customers) : IComparer<int>
    {
        public int Compare(int a, int b) => customers.CompareRanks(a, b);
    }

    /// <summary>Decile 1 is the top 10 %: rank r of n falls in decile ⌊10 (r − 1) / n⌋ + 1.</summary>
    public static int Decile(long rank, long n) => (int)(10 * (rank - 1) / n) + 1;

    /// <summary>Share of customers scoring at or below this one, in percent: the top customer is at 100.</summary>
    public static double Percentile(long rank, long n) => 100.0 * (n - rank + 1) / n;

    /// <summary>Shares of the scores in 20 equal bins over [0, 1]; scores outside are counted in the end bins.</summary>
    public static double[] Histogram(IReadOnlyList<double> scores)
    {
        var counts = new double[HistogramBins];
        foreach (var score in scores)
        {
            counts[Math.Clamp((int)(score * HistogramBins), 0, HistogramBins - 1)]++;
        }

        return counts.Select(c => scores.Count == 0 ? 0 : c / scores.Count).ToArray();
    }

    /// <summary>The score at the bottom of the top 10 %, 20 %… 90 %, given the rows in rank order.</summary>
    public static double[] DecileCuts(IReadOnlyList<double> scores, int[] order) => scores.Count == 0 ? [] :
        Enumerable.Range(1, 9).Select(k => scores[order[Math.Max(0, (int)Math.Ceiling(k * order.Length / 10.0) - 1)]]).ToArray();
}
