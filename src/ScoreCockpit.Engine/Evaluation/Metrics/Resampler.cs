namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// One bootstrap resample of ranked rows and its lift at each cut-off, equal to folding the resample into tie groups
/// and asking <see cref="TieGroups.PositivesInTop"/>, without building them. A resample has as many rows as the
/// original, so each cut-off takes the same number of rows: only the draws of the top rows are folded into groups,
/// from the highest score down until the largest cut-off is reached. Each row's draws and label share one integer
/// (twice the draws, plus 1 for a positive), so a draw touches one place in memory, in an array that stays in cache.
/// </summary>
internal sealed class Resampler
{
    private readonly int[] _labels;

    /// <summary>Per row: 2 × its draws + its label (1 for a positive).</summary>
    private readonly int[] _cells;

    /// <summary>Per tie group from the highest score, the sorted index of its lowest row; the group ends where the previous begins.</summary>
    private readonly int[] _groupStarts;

    /// <summary>The cut-offs' row counts (<see cref="Metrics.TopRows"/>), and their indexes by ascending count.</summary>
    private readonly double[] _takes;
    private readonly int[] _byTake;

    public Resampler(RankedRows ranked, IReadOnlyList<decimal> percents)
    {
        _labels = [.. ranked.Labels.Select(l => l ? 1 : 0)];
        _cells = new int[_labels.Length];
        var starts = new int[ranked.Groups.Count];
        var start = _labels.Length;
        for (var g = 0; g < starts.Length; g++)
        {
            start -= (int)ranked.Groups.Rows[g];
            starts[g] = start;
        }

        _groupStarts = starts;
        _takes = [.. percents.Select(p => Metrics.TopRows(_labels.Length, p))];
        _byTake = [.. Enumerable.Range(0, _takes.Length).OrderBy(c => _takes[c])];
    }

    /// <summary>Draws a resample with <paramref name="random"/> and writes each cut-off's lift into <paramref name="lifts"/> (null without positives).</summary>
    public void Draw(ref BootstrapRandom random, double?[] lifts)
    {
        var n = _labels.Length;
        _labels.CopyTo(_cells, 0);
        long positives = 0;
        // A local copy, so the generator's state stays in a register through the loop.
        var draws = random;
        for (var i = 0; i < n; i++)
        {
            ref var cell = ref _cells[draws.NextIndex(n)];
            cell += 2;
            positives += cell & 1;
        }

        random = draws;

        if (positives == 0)
        {
            Array.Fill(lifts, null);
            return;
        }

        var baseRate = (double)positives / n;
        long rowsAbove = 0, positivesAbove = 0;
        var next = 0;
        for (var g = 0; g < _groupStarts.Length && next < _byTake.Length; g++)
        {
            long rows = 0, caught = 0;
            for (var k = _groupStarts[g]; k < (g == 0 ? n : _groupStarts[g - 1]); k++)
            {
                var drawn = _cells[k] >> 1;
                rows += drawn;
                caught += drawn * (_cells[k] & 1);
            }

            // Every cut-off this group reaches: the groups above whole, this one pro rata, as PositivesInTop counts them.
            while (next < _byTake.Length && rowsAbove + rows >= _takes[_byTake[next]])
            {
                var take = _takes[_byTake[next]];
                var inTop = take >= n ? positives : positivesAbove + (caught * ((take - rowsAbove) / rows));
                lifts[_byTake[next]] = inTop / take / baseRate;
                next++;
            }

            (rowsAbove, positivesAbove) = (rowsAbove + rows, positivesAbove + caught);
        }
    }
}
