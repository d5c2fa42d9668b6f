namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>Slow, obviously-correct references for the property tests: pair counting and enumerating every tie-breaking.</summary>
public static class BruteForce
{
    public static double? Auc(double[] scores, bool[] labels)
    {
        double wins = 0, pairs = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            for (var j = 0; j < scores.Length; j++)
            {
                if (labels[i] && !labels[j])
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        return pairs == 0 ? null : wins / pairs;
    }

    /// <summary>Largest TPR − FPR over every threshold "score ≥ t" (tied rows always move together).</summary>
    public static double Ks(double[] scores, bool[] labels)
    {
        double positives = labels.Count(l => l), negatives = labels.Length - positives, best = 0;
        foreach (var t in scores.Distinct())
        {
            var tpr = scores.Where((s, i) => s >= t && labels[i]).Count() / positives;
            var fpr = scores.Where((s, i) => s >= t && !labels[i]).Count() / negatives;
            best = Math.Max(best, tpr - fpr);
        }

        return best;
    }

    /// <summary>Expected positives in the top <paramref name="take"/> rows, averaged over every order consistent with the scores.</summary>
    public static double PositivesInTop(double[] scores, bool[] labels, double take)
    {
        double total = 0;
        var orders = 0;
        foreach (var order in Permutations(Enumerable.Range(0, scores.Length).ToArray()))
        {
            if (!order.Zip(order.Skip(1)).All(p => scores[p.First] >= scores[p.Second]))
            {
                continue;
            }

            orders++;
            for (var position = 0; position < order.Length; position++)
            {
                // Position p covers [p, p + 1) of the ranked list; the cut takes the part of it below `take`.
                var share = Math.Clamp(take - position, 0, 1);
                total += labels[order[position]] ? share : 0;
            }
        }

        return total / orders;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
