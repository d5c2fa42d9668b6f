using System.Data;
using System.Globalization;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling.Plans;

/// <summary>
/// The compiled plan against ML.NET, the reference: every algorithm trained on the churn snapshots, scored on the
/// validation snapshot and on random rows built to hit every edge (missing values, unseen and empty levels, a missing
/// column, extreme values, values exactly on a threshold and one float above). Scores and probabilities must be the
/// same floats, so ranks and deciles cannot differ.
/// </summary>
[Collection(ChurnSnapshotsCollection.Name)]
public sealed class PlanExactnessTests(ChurnSnapshotsFixture snapshots)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<TrainingAlgorithm> Algorithms => [.. Enum.GetValues<TrainingAlgorithm>()];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task The_plan_scores_the_validation_snapshot_as_MLNET_does(TrainingAlgorithm algorithm)
    {
        var model = await ModelTrainer.TrainAsync(snapshots.Session, snapshots.Request(algorithm), Ct);
        var plan = ScoringPlanJson.Read(ScoringPlanJson.Write(PlanExtractor.FromModelZip(model.ModelZip, "test")), "test");

        var sql = $"SELECT * FROM {snapshots.ValidationTable} ORDER BY customer_id";
        List<ScoredRow> reference;
        await using (var reader = await snapshots.Session.ReadAsync(RenderedSql.Plain(sql), Ct))
        {
            reference = [.. new ModelScorer(model.ModelZip).Score(reader, "customer_id").Rows];
        }

        var compiled = new CompiledModel(plan);
        ColumnBatch batch;
        await using (var reader = await snapshots.Session.ReadAsync(RenderedSql.Plain(sql), Ct))
        {
            batch = ColumnBatch.Read(reader, Wanted(compiled), int.MaxValue, ct: Ct)!;
        }

        AssertSame(reference, compiled, batch);
        Assert.Equal(algorithm.ToString(), plan.Algorithm);
        Assert.Equal(algorithm != TrainingAlgorithm.FastForest, compiled.GivesProbabilities);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task The_plan_scores_random_edge_rows_as_MLNET_does(TrainingAlgorithm algorithm)
    {
        var model = await ModelTrainer.TrainAsync(snapshots.Session, snapshots.Request(algorithm) with { Seed = 11 }, Ct);
        var plan = PlanExtractor.FromModelZip(model.ModelZip, "test");
        var compiled = new CompiledModel(plan);
        var random = new Random(20261204 + (int)algorithm);
        for (var round = 0; round < 5; round++)
        {
            // Each round drops a different input column entirely (round 0 keeps them all).
            var dropped = round == 0 ? null : plan.Inputs[random.Next(plan.Inputs.Count)].Name;
            var table = RandomRows(plan, random, 2_000, dropped);
            var reference = Reference(model.ModelZip, table);
            using var reader = table.CreateDataReader();
            var batch = ColumnBatch.Read(reader, Wanted(compiled), int.MaxValue, ct: Ct)!;

            AssertSame(reference, compiled, batch);
            Assert.Equal(dropped is null ? 0 : 1, compiled.Check(batch, "the random rows").Count);
        }
    }

    [Fact]
    public async Task A_column_whose_type_changed_is_refused_naming_it()
    {
        var model = await ModelTrainer.TrainAsync(snapshots.Session, snapshots.Request(TrainingAlgorithm.FastTree), Ct);
        var compiled = new CompiledModel(PlanExtractor.FromModelZip(model.ModelZip, "test"));
        await using var reader = await snapshots.Session.ReadAsync(RenderedSql.Plain(
            $"SELECT * REPLACE (CAST(data_gb AS VARCHAR) AS data_gb) FROM {snapshots.ValidationTable}"), Ct);
        var batch = ColumnBatch.Read(reader, Wanted(compiled), int.MaxValue, ct: Ct)!;

        var e = Assert.Throws<ModelInputException>(() => compiled.Score(batch, new double[batch.Rows], "snap_test"));

        Assert.Contains("'data_gb'", e.Message, StringComparison.Ordinal);
        Assert.Contains("snap_test", e.Message, StringComparison.Ordinal);
    }

    internal static Dictionary<string, ColumnUse> Wanted(CompiledModel compiled) =>
        compiled.Columns.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);

    private static void AssertSame(List<ScoredRow> reference, CompiledModel compiled, ColumnBatch batch)
    {
        var raw = new float[batch.Rows];
        var probability = compiled.GivesProbabilities ? new float[batch.Rows] : null;
        compiled.Score(batch, raw, probability);

        Assert.Equal(reference.Count, batch.Rows);
        var largest = 0.0;
        var differing = 0;
        for (var i = 0; i < reference.Count; i++)
        {
            var (expected, actual) = (reference[i].Probability ?? reference[i].Score, probability?[i] ?? raw[i]);
            largest = Math.Max(largest, Math.Abs(expected - actual));
            differing += BitConverter.SingleToInt32Bits(reference[i].Score) != BitConverter.SingleToInt32Bits(raw[i])
                || BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual) ? 1 : 0;
        }

        Assert.True(differing == 0, $"{differing} of {reference.Count} rows differ from ML.NET; the largest difference is {largest:R}.");
    }

    private static List<ScoredRow> Reference(byte[] zip, DataTable table)
    {
        using var reader = table.CreateDataReader();
        return [.. new ModelScorer(zip).Score(reader, "customer_id").Rows];
    }

    /// <summary>Rows whose every value is drawn to hit an edge of the featurisation or of a tree.</summary>
    private static DataTable RandomRows(ScoringPlan plan, Random random, int rows, string? dropped)
    {
        var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        table.Columns.Add("customer_id", typeof(string));
        var inputs = plan.Inputs.Where(i => i.Name != dropped).ToList();
        foreach (var input in inputs)
        {
            table.Columns.Add(input.Name, input.IsNumber ? typeof(double) : typeof(string));
        }

        var thresholds = plan.Ensemble?.Trees.SelectMany(t => t.Split.Zip(t.Threshold)).ToLookup(p => p.First, p => p.Second);
        for (var r = 0; r < rows; r++)
        {
            var values = new object[inputs.Count + 1];
            values[0] = r.ToString(CultureInfo.InvariantCulture);
            for (var c = 0; c < inputs.Count; c++)
            {
                var input = inputs[c];
                values[c + 1] = input.IsNumber ? Number(random, thresholds?[input.Slot].ToList() ?? []) : Text(random, input.Levels!);
            }

            table.Rows.Add(values);
        }

        return table;
    }

    private static object Number(Random random, List<float> thresholds) => random.Next(12) switch
    {
        0 => DBNull.Value,
        1 => (random.Next(3)) switch { 0 => double.MaxValue, 1 => -1e38, _ => 1e-45 },
        2 => 0d,
        < 7 when thresholds.Count > 0 => (double)thresholds[random.Next(thresholds.Count)],
        < 9 when thresholds.Count > 0 => (double)MathF.BitIncrement(thresholds[random.Next(thresholds.Count)]),
        _ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(6)),
    };

    private static object Text(Random random, IReadOnlyList<string> levels) => random.Next(8) switch
    {
        0 => DBNull.Value,
        1 => "",
        2 => "never seen " + random.Next(100),
        3 when levels.Count > 0 => " " + levels[random.Next(levels.Count)],
        _ when levels.Count > 0 => levels[random.Next(levels.Count)],
        _ => "x",
    };
}
