using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scoring;

public sealed class DriftSampleTests
{
    [Theory]
    [InlineData(450_001, 65_536)]
    [InlineData(450_001, 1_000)]
    [InlineData(199_999, 7_777)]
    public void Batches_of_any_size_give_every_kth_row_of_the_whole_snapshot(int rows, int batchRows)
    {
        var numbers = Enumerable.Range(0, rows).Select(i => i % 97 == 0 ? float.NaN : i).ToArray();
        var texts = Enumerable.Range(0, rows).Select(i => $"level{i % 5}").ToArray();
        var features = new Dictionary<string, ColumnKind> { ["n"] = ColumnKind.Numeric, ["t"] = ColumnKind.Categorical, ["gone"] = ColumnKind.Numeric };
        var sample = new DriftSample(features, rows);

        for (var start = 0; start < rows; start += batchRows)
        {
            var count = Math.Min(batchRows, rows - start);
            sample.Add(ColumnBatch.Of(count,
                [BatchColumn.OfNumbers("n", numbers[start..(start + count)]), BatchColumn.OfTexts("t", texts[start..(start + count)])]));
        }

        var step = (int)Math.Ceiling(rows / (double)FeatureDriftMeasure.MaxRows);
        Assert.Equal(step, sample.Step);
        var kept = Enumerable.Range(0, rows).Where(i => i % step == 0).ToList();
        Assert.Equal(kept.Select(i => (double)numbers[i]), sample.Numbers("n"));
        Assert.Equal(kept.Select(i => texts[i]), sample.Texts("t"));
        // A feature the batches do not hold is missing on every sampled row.
        Assert.All(sample.Numbers("gone"), v => Assert.True(double.IsNaN(v)));
        Assert.InRange(sample.Numbers("n").Count, 1, FeatureDriftMeasure.MaxRows);
    }
}
