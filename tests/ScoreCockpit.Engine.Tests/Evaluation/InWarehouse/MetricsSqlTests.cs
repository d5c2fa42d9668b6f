using System.Diagnostics;
using System.Globalization;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Evaluation.InWarehouse;
using ScoreCockpit.Engine.Tests.Warehouse;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation.InWarehouse;

/// <summary>The metric set computed by the warehouse against <see cref="Metrics.Compute(ReadOnlySpan{double}, ReadOnlySpan{bool}, IReadOnlyList{decimal}?)"/> on the same scores, to 1e-9.</summary>
public sealed class MetricsSqlTests(PostgresClusterFixture postgres)
{
    private static readonly decimal[] Cuts = [1m, 2.5m, 5m, 10m, 20m, 33.3m, 100m];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Random_scores_with_many_ties_give_the_in_process_metrics(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        var random = new Random(20261204);
        var shapes = new (int Rows, int Distinct, double Spread)[] { (2_000, 20, 1), (1_003, 200, 1), (997, 0, 1), (1_500, 40, 6) };
        var largest = 0.0;
        var clock = Stopwatch.StartNew();
        for (var s = 0; s < shapes.Length; s++)
        {
            var (scores, labels) = Draw(random, shapes[s].Rows, shapes[s].Distinct, shapes[s].Spread);
            var select = await PairTable.WriteAsync(session, $"pairs_{s}", scores, labels);
            var expected = Metrics.Compute(scores, labels, Cuts);
            largest = Math.Max(largest, MetricSetComparison.AssertEqual(expected, await MetricsSql.ComputeAsync(session, select, Cuts, Ct), $"shape {s}"));
            // The AUC's rank sum is summed in integers, so it is Metrics' to the last bit.
            Assert.Equal(expected.Auc, (await MetricsSql.ComputeAsync(session, select, Cuts, Ct)).Auc);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{kind}: largest difference {largest.ToString("R", CultureInfo.InvariantCulture)} over {shapes.Length} sets in {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task One_class_and_a_handful_of_rows_give_the_in_process_metrics_and_reasons(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        var random = new Random(7);
        var sets = new List<(double[] Scores, bool[] Labels)>
        {
            ([.. Enumerable.Range(0, 50).Select(i => (i % 7) / 7.0)], [.. Enumerable.Repeat(true, 50)]),
            ([.. Enumerable.Range(0, 50).Select(i => (i % 5) / 5.0)], [.. Enumerable.Repeat(false, 50)]),
            ([0.5], [true]),
            ([0.5], [false]),
            ([0.2, 0.2], [true, false]),
            ([-0.0, 0.0, 1e-20, 1.0], [true, false, true, false]),
        };
        for (var n = 3; n <= 9; n += 2)
        {
            sets.Add(Draw(random, n, distinct: 2, spread: 1));
        }

        for (var s = 0; s < sets.Count; s++)
        {
            var (scores, labels) = sets[s];
            var select = await PairTable.WriteAsync(session, $"few_{s}", scores, labels);
            var actual = await MetricsSql.ComputeAsync(session, select, Cuts, Ct);
            MetricSetComparison.AssertEqual(Metrics.Compute(scores, labels, Cuts), actual, $"set {s}");
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_scikit_learn_oracle_holds_through_SQL(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        var cases = MetricOracle.Shared().Concat(MetricOracle.Extra()).ToList();
        for (var c = 0; c < cases.Count; c++)
        {
            var oracle = cases[c];
            var select = await PairTable.WriteAsync(session, $"oracle_{c}", oracle.Scores, oracle.Labels);
            var actual = await MetricsSql.ComputeAsync(session, select, oracle.Cutoffs, Ct);
            MetricOracle.AssertMatches(oracle, actual);
            MetricSetComparison.AssertEqual(Metrics.Compute(oracle.Scores, oracle.Labels, oracle.Cutoffs), actual, oracle.Name);
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Bad_inputs_are_refused_with_the_in_process_messages(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        foreach (var (bad, name) in new[] { (double.NaN, "nan"), (double.PositiveInfinity, "inf"), (double.NegativeInfinity, "minf") })
        {
            double[] scores = [0.1, 0.7, bad, 0.4, bad];
            bool[] labels = [true, false, true, false, false];
            var select = await PairTable.WriteAsync(session, $"bad_{name}", scores, labels);
            var expected = Assert.Throws<MetricInputException>(() => Metrics.Compute(scores, labels));
            var actual = await Assert.ThrowsAsync<MetricInputException>(() => MetricsSql.ComputeAsync(session, select, ct: Ct));
            Assert.Equal(expected.Message, actual.Message);
            Assert.Equal(3, actual.Row);
        }

        var empty = await PairTable.WriteAsync(session, "no_rows", [], []);
        var none = Assert.Throws<MetricInputException>(() => Metrics.Compute([], []));
        Assert.Equal(none.Message, (await Assert.ThrowsAsync<MetricInputException>(() => MetricsSql.ComputeAsync(session, empty, ct: Ct))).Message);

        var fine = await PairTable.WriteAsync(session, "fine", [0.3, 0.6], [false, true]);
        var cut = Assert.Throws<MetricInputException>(() => Metrics.Compute([0.3, 0.6], [false, true], [0m]));
        Assert.Equal(cut.Message, (await Assert.ThrowsAsync<MetricInputException>(() => MetricsSql.ComputeAsync(session, fine, [0m], Ct))).Message);

        await session.ExecuteAsync("CREATE TABLE twos (score INTEGER, label INTEGER)", Ct);
        await session.ExecuteAsync("INSERT INTO twos VALUES (1, 0), (2, 2)", Ct);
        var two = await Assert.ThrowsAsync<MetricInputException>(() => MetricsSql.ComputeAsync(session, "SELECT score, label FROM twos", ct: Ct));
        Assert.Equal("Row 2: the label is 2; labels must be 0 or 1.", two.Message);
    }

    /// <summary>Scores in [0, spread) from <paramref name="distinct"/> values (0: all distinct), labels likelier with higher scores.</summary>
    private static (double[] Scores, bool[] Labels) Draw(Random random, int rows, int distinct, double spread)
    {
        var scores = new double[rows];
        var labels = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble();
            scores[i] = (distinct > 0 ? Math.Floor(u * distinct) / distinct : u) * spread - (spread > 1 ? spread / 2 : 0);
            labels[i] = random.NextDouble() < 0.1 + (0.6 * u);
        }

        return (scores, labels);
    }
}
