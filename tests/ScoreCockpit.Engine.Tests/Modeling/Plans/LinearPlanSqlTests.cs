using System.Data.Common;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using DuckDB.NET.Data;
using Npgsql;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling.Plans;

/// <summary>
/// Linear plans written as SQL: the order of additions against the tensor library's, then made-up plans of every size
/// the kernel treats differently, run by DuckDB against the kernel bit for bit (the demo's challengers are in DemoPlans).
/// </summary>
public sealed class LinearPlanSqlTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_dense_sum_adds_in_the_tensor_library_s_order()
    {
        var random = new Random(11);
        var width = LinearArithmetic.OfThisMachine.DotWidth;
        foreach (var n in Enumerable.Range(1, 300))
        {
            var products = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)))).ToArray();
            var ones = Enumerable.Repeat(1f, n).ToArray();
            var expression = PlanSqlDot.Dense([.. Enumerable.Range(0, n).Select(i => $"p{i}")], width, "Z");
            var written = new Sum(expression, products).Value();
            Assert.True(BitConverter.SingleToInt32Bits(TensorPrimitives.Dot(products, ones)) == BitConverter.SingleToInt32Bits(written),
                $"{n} products at width {width}: {TensorPrimitives.Dot(products, ones):R} against {written:R}");
        }
    }

    /// <summary>
    /// Slot counts on both sides of each of the kernel's paths (scalar, vector, eight vectors; one by one, lanes), rows
    /// with any share of zeros, missing values, scaling with and without offset, weights held sparse or not.
    /// </summary>
    [Theory]
    [InlineData(3, false, false, 1)]
    [InlineData(12, true, false, 2)]
    [InlineData(20, false, false, 3)]
    [InlineData(34, false, false, 4)]
    [InlineData(45, true, false, 5)]
    [InlineData(70, false, true, 6)]
    [InlineData(90, true, false, 7)]
    public async Task A_linear_plan_scores_in_DuckDB_as_the_kernel_does(int slots, bool offset, bool heldSparse, int seed)
    {
        var random = new Random(seed);
        var plan = Plan(random, slots, offset, heldSparse);
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        await AssertScoredAsTheKernelAsync(connection, DuckDbDialect.Instance, "DOUBLE", plan, random);
        foreach (var kind in new[] { WarehouseKind.Postgres, WarehouseKind.SqlServer, WarehouseKind.Teradata })
        {
            PlanSqlText.AssertWithinLimits(plan, Dialects.For(kind), "t", "id", [.. plan.Inputs.Select(i => i.Name)]);
        }
    }

    /// <summary>The tests' PostgreSQL, through the one-by-one, the dense and the eight-lane sums.</summary>
    [Fact]
    public async Task A_linear_plan_scores_in_PostgreSQL_as_the_kernel_does()
    {
        var cluster = await postgres.GetClusterAsync();
        foreach (var (slots, offset, seed) in new[] { (12, true, 2), (45, false, 5) })
        {
            var random = new Random(seed);
            await using var connection = new NpgsqlConnection(await cluster.CreateDatabaseAsync($"linear_{Guid.NewGuid():N}", Ct));
            await connection.OpenAsync(Ct);
            await AssertScoredAsTheKernelAsync(connection, PostgresDialect.Instance, "DOUBLE PRECISION", Plan(random, slots, offset, false), random);
        }
    }

    private static async Task AssertScoredAsTheKernelAsync(DbConnection connection, ISqlDialect dialect, string doubleType, ScoringPlan plan, Random random)
    {
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE t (id INTEGER, {string.Join(", ", plan.Inputs.Select(i => $"{i.Name} {doubleType}"))}); " +
                $"INSERT INTO t VALUES {Rows(random, plan, 2_000)}";
            await create.ExecuteNonQueryAsync(Ct);
        }

        var model = new CompiledModel(plan);
        var wanted = model.Columns.ToDictionary(StringComparer.OrdinalIgnoreCase);
        ColumnBatch batch;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT * FROM t ORDER BY id";
            await using var reader = await read.ExecuteReaderAsync(Ct);
            batch = ColumnBatch.Read(reader, wanted, int.MaxValue, ct: Ct)!;
        }

        var (raw, probability) = (new float[batch.Rows], new float[batch.Rows]);
        model.Score(batch, raw, probability);

        await using var score = connection.CreateCommand();
        score.CommandText = $"SELECT * FROM ({PlanSql.Select(plan, dialect, "t", "id", [.. plan.Inputs.Select(i => i.Name)])}) s ORDER BY id";
        await using var scored = await score.ExecuteReaderAsync(Ct);
        var (row, differing) = (0, 0);
        while (await scored.ReadAsync(Ct))
        {
            if (BitConverter.SingleToInt32Bits(scored.GetFloat(1)) != BitConverter.SingleToInt32Bits(raw[row])
                || BitConverter.SingleToInt32Bits(scored.GetFloat(2)) != BitConverter.SingleToInt32Bits(probability[row]))
            {
                differing++;
            }

            row++;
        }

        Assert.Equal(batch.Rows, row);
        Assert.True(differing == 0, $"{dialect.Kind}: {differing} of {row} rows differ from the kernel ({LinearArithmetic.OfThisMachine.Describe()})");
    }

    private static ScoringPlan Plan(Random random, int slots, bool offset, bool heldSparse)
    {
        float Small() => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-2, 2)));
        var weights = Enumerable.Range(0, slots).Select(_ => random.Next(10) == 0 ? 0f : Small()).ToArray();
        int[]? held = heldSparse ? [.. Enumerable.Range(0, slots).Where(i => i % 3 != 1)] : null;
        if (held is not null)
        {
            foreach (var i in Enumerable.Range(0, slots).Except(held))
            {
                weights[i] = 0f;
            }
        }

        return new ScoringPlan
        {
            Algorithm = "LogisticRegression",
            Slots = slots,
            Inputs = [.. Enumerable.Range(0, slots).Select(i => new PlanInput
            {
                Name = $"x{i}", Kind = PlanInputKind.Number, Slot = i, Impute = random.Next(3) == 0 ? 0f : Small(),
            })],
            Scaling = new PlanScaling([.. Enumerable.Range(0, slots).Select(_ => Math.Abs(Small()) + 0.01f)],
                offset ? [.. Enumerable.Range(0, slots).Select(_ => Small())] : null),
            Linear = new PlanLinear(weights, Small(), held),
            Calibrator = new PlanCalibrator(-1 - random.NextDouble(), random.NextDouble() - 0.5),
        };
    }

    /// <summary>Rows whose share of zero slots is drawn per row, so every count of non-zero slots turns up.</summary>
    private static string Rows(Random random, ScoringPlan plan, int rows)
    {
        var sql = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            var zeros = random.NextDouble();
            sql.Append(r == 0 ? "(" : ", (").Append(r.ToString(CultureInfo.InvariantCulture));
            foreach (var input in plan.Inputs)
            {
                // Zero after scaling: the offset itself, where there is one.
                var zero = plan.Scaling?.Offset?[input.Slot] ?? 0f;
                var value = random.NextDouble() < 0.03 ? "NULL"
                    : random.NextDouble() < zeros ? ((double)zero).ToString("R", CultureInfo.InvariantCulture)
                    : SyntheticPlans.Value(random).ToString("R", CultureInfo.InvariantCulture);
                sql.Append(", ").Append(value);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    /// <summary>A sum as PlanSqlDot writes it, evaluated in float: "(a + b)", products p0, p1… and the zero Z.</summary>
    private sealed class Sum(string text, float[] products)
    {
        private int _at;

        public float Value()
        {
            var value = Term();
            Assert.Equal(text.Length, _at);
            return value;
        }

        private float Term()
        {
            if (text[_at] == '(')
            {
                _at++;
                var left = Term();
                Assert.Equal(" + ", text.Substring(_at, 3));
                _at += 3;
                var right = Term();
                Assert.Equal(')', text[_at++]);
                return left + right;
            }

            if (text[_at] == 'Z')
            {
                _at++;
                return 0f;
            }

            var start = ++_at;
            while (_at < text.Length && char.IsAsciiDigit(text[_at]))
            {
                _at++;
            }

            return products[int.Parse(text.AsSpan(start, _at - start), CultureInfo.InvariantCulture)];
        }
    }
}
