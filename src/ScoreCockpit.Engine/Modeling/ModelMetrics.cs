namespace ScoreCockpit.Engine.Modeling;

/// <summary>Ranking metrics of scores against 0/1 labels (the conventions of the scikit-learn oracle, tests/ScoreCockpit.Engine.Tests/Evaluation/Oracles/metrics.json). Pure.</summary>
public static class ModelMetrics
{
    /// <summary>Probability a random positive outscores a random negative, ties counting 1/2; null with one class only.</summary>
    public static double? Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Order(scores);
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        // Mann-Whitney: sum of the positives' ranks (ascending, ties averaged).
        double rankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && scores[order[j]].Equals(scores[order[i]]))
            {
                j++;
            }

            var rank = ((i + 1) + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                rankSum += labels[order[k]] ? rank : 0;
            }

            i = j;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>Positive rate in the top <paramref name="percent"/> % by score over the base rate; ties at the cut pro rata.</summary>
    public static double? Lift(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double percent)
    {
        var n = labels.Count;
        double positives = labels.Count(l => l);
        if (n == 0 || positives == 0)
        {
            return null;
        }

        var order = Order(scores);
        Array.Reverse(order);
        var take = percent / 100 * n;
        double taken = 0, caught = 0;
        for (var i = 0; i < order.Length && taken < take;)
        {
            var j = i;
            var tiedPositives = 0;
            while (j < order.Length && scores[order[j]].Equals(scores[order[i]]))
            {
                tiedPositives += labels[order[j]] ? 1 : 0;
                j++;
            }

            var share = Math.Min(1, (take - taken) / (j - i));
            caught += tiedPositives * share;
            taken += (j - i) * share;
            i = j;
        }

        return caught / take / (positives / n);
    }

    private static int[] Order(IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => scores[a].CompareTo(scores[b]));
        return order;
    }
}
