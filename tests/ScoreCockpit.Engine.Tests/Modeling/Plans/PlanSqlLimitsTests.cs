using System.Globalization;
using System.Text;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Tests.Warehouse;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling.Plans;

/// <summary>
/// Plans written for warehouses with limits: SQL Server's CASE nesting and sub-query depth, Teradata's request size and
/// its missing float32. The forms a limit calls for also run on DuckDB here, against the kernel, bit for bit.
/// </summary>
public sealed class PlanSqlLimitsTests(PostgresClusterFixture postgres)
{
    private const int Rows = 400;

    private static readonly string[] Columns = ["id", .. SyntheticPlans.Numbers, "cat"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Flat_trees_and_scratch_tables_score_as_the_kernel_does()
    {
        var plan = SyntheticPlans.Make(trees: 60, depth: 14, leafChance: 0.3, seed: 11);
        await using var warehouse = await TestWarehouse.CreateAsync(WarehouseKind.DuckDb, postgres);
        await using var session = await warehouse.OpenAsync();
        await FillAsync(session);
        var kernel = await KernelAsync(session, plan);
        // SQL Server's nesting limits, and a statement limit that takes several scratch tables.
        var limited = PlanSqlLimits.For(WarehouseKind.DuckDb) with
        {
            CaseNesting = 10,
            SubqueryNesting = 32,
            StatementBytes = 60_000,
            StatementLimit = "test limit",
        };
        var script = PlanSql.ScriptUnder(plan, session.Dialect, limited, "rows", "id", Columns, "sc_plan_test");

        Assert.True(script.Setup.Count(s => s.StartsWith("CREATE", StringComparison.Ordinal)) >= 2, $"{script.Setup.Count} setup statements");
        // Two levels are kept for the slot's and the calibration's CASE, which SQL Server may inline around a tree.
        Assert.Equal(8, script.Statements.Max(PlanSqlText.CaseDepth));
        Assert.All(script.Statements, s => Assert.InRange(limited.Measure(s), 1, 60_000));
        Assert.True(PlanSqlText.CaseDepth(PlanSql.Select(plan, session.Dialect, "rows", "id", Columns)) > 10, "the plan nests deeper than the limit");
        AssertSame(kernel, await RunAsync(session, script));
        AssertSame(kernel, await RunAsync(session, PlanSql.Script(plan, session.Dialect, "rows", "id", Columns)));
        Assert.False(await session.TableExistsAsync("sc_plan_test_1", Ct));
    }

    [Fact]
    public void DuckDB_and_PostgreSQL_get_their_one_select()
    {
        var plan = SyntheticPlans.Make(trees: 40, depth: 12, leafChance: 0.3, seed: 3);
        foreach (var dialect in new ISqlDialect[] { DuckDbDialect.Instance, PostgresDialect.Instance })
        {
            var script = PlanSql.Script(plan, dialect, "rows", "id", Columns, ["target"], "scratch");

            Assert.Empty(script.Setup);
            Assert.Empty(script.Cleanup);
            Assert.Equal(PlanSql.Select(plan, dialect, "rows", "id", Columns, ["target"]), script.Select);
            Assert.True(PlanSqlText.CaseDepth(script.Select) > 10);
        }
    }

    [Theory]
    [InlineData(WarehouseKind.SqlServer)]
    [InlineData(WarehouseKind.Teradata)]
    public void Sql_Server_and_Teradata_text_keeps_within_their_limits(WarehouseKind kind)
    {
        var plan = SyntheticPlans.Make(trees: 120, depth: 18, leafChance: 0.35, seed: 7);
        var dialect = Dialects.For(kind);
        var script = PlanSqlText.AssertWithinLimits(plan, dialect, "rows", "id", Columns);

        Assert.Empty(script.Setup);
        Assert.Contains(dialect.FloatType, script.Select, StringComparison.Ordinal);
        Assert.Contains("EXP(", script.Select, StringComparison.Ordinal);
        // No NaN test where FLOAT cannot hold one.
        Assert.DoesNotContain("NaN", script.Select, StringComparison.OrdinalIgnoreCase);
        // Teradata's REAL is 8 bytes: no rounding to it is written there.
        Assert.Equal(kind == WarehouseKind.SqlServer, script.Select.Contains("AS REAL)", StringComparison.Ordinal));
        // 120 trees: more than 25 per layer where sub-queries nest at most 32 deep.
        Assert.InRange(Count(script.Select, ") layer"), 1, (PlanSqlLimits.For(kind).SubqueryNesting ?? 99) - 4);
    }

    [Fact]
    public void A_large_plan_is_split_into_statements_for_Teradata()
    {
        var plan = SyntheticPlans.Make(trees: 2_000, depth: 24, leafChance: 0.45, seed: 5);
        var limits = PlanSqlLimits.For(WarehouseKind.Teradata);
        var script = PlanSqlText.AssertWithinLimits(plan, TeradataDialect.Instance, "rows", "id", Columns);

        var creates = script.Setup.Where(s => s.StartsWith("CREATE MULTISET TABLE", StringComparison.Ordinal)).ToList();
        Assert.InRange(creates.Count, 2, 20);
        Assert.Contains("\"sc_plan_1\"", creates[0], StringComparison.Ordinal);
        Assert.Contains("PRIMARY INDEX (\"k\")", creates[0], StringComparison.Ordinal);
        Assert.Contains($"FROM \"sc_plan_{creates.Count}\"", script.Select, StringComparison.Ordinal);
        Assert.Equal([$"DROP TABLE \"sc_plan_{creates.Count}\""], script.Cleanup);
        // Each scratch table but the last is dropped once the next is made.
        Assert.Equal(creates.Count - 1, script.Setup.Count(s => s.StartsWith("DROP", StringComparison.Ordinal)));
        Assert.All(script.Statements, s => Assert.True(limits.Measure(s) <= 1L << 20));
        // Every tree is added once.
        Assert.Equal(2_000, Count(string.Join("\n", script.Statements), " + CASE "));
    }

    [Fact]
    public void A_tree_too_large_for_one_request_is_refused_naming_the_limit()
    {
        var plan = SyntheticPlans.Make(trees: 2, depth: 15, leafChance: 0, seed: 9, calibrated: false, nodes: 40_000);

        var refused = Assert.Throws<PlanSqlLimitException>(() => PlanSql.Script(plan, TeradataDialect.Instance, "rows", "id", Columns));

        Assert.IsAssignableFrom<ScoringPlanException>(refused);
        Assert.Contains("Teradata", refused.Message, StringComparison.Ordinal);
        Assert.Contains("1 MB", refused.Message, StringComparison.Ordinal);
        Assert.Contains("1,048,576 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Contains("tree 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("in-process", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_without_trees_or_weights_is_refused_saying_what_to_do()
    {
        var plan = new ScoringPlan
        {
            Algorithm = "Unknown",
            Slots = 1,
            Inputs = [new() { Name = "x0", Kind = PlanInputKind.Number, Slot = 0 }],
        };

        var refused = Assert.Throws<PlanSqlLimitException>(() => PlanSql.Script(plan, SqlServerDialect.Instance, "rows", "id", ["x0"]));

        Assert.Contains("neither trees nor weights", refused.Message, StringComparison.Ordinal);
        Assert.Contains("in-process", refused.Message, StringComparison.Ordinal);
    }

    private static int Count(string text, string what)
    {
        var (count, at) = (0, 0);
        while ((at = text.IndexOf(what, at, StringComparison.Ordinal)) >= 0)
        {
            (count, at) = (count + 1, at + what.Length);
        }

        return count;
    }

    /// <summary>Rows with values on the thresholds, NULLs and NaN in the numbers, and NULL, unknown and cased-differently categories.</summary>
    private static async Task FillAsync(WarehouseSession session)
    {
        await session.ExecuteAsync(
            $"CREATE TABLE rows (id VARCHAR, {string.Join(", ", SyntheticPlans.Numbers.Select(n => $"{n} DOUBLE"))}, cat VARCHAR)", Ct);
        var random = new Random(17);
        var values = new StringBuilder();
        string[] categories = ["a", "b", "c", "A", "zz", "NULL"];
        for (var i = 0; i < Rows; i++)
        {
            var numbers = SyntheticPlans.Numbers.Select(_ => random.Next(12) switch
            {
                0 => "NULL",
                1 => "CAST('NaN' AS DOUBLE)",
                _ => SyntheticPlans.Value(random).ToString("R", CultureInfo.InvariantCulture),
            });
            var category = categories[random.Next(categories.Length)];
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"('{i}', {string.Join(", ", numbers)}, {(category == "NULL" ? "NULL" : $"'{category}'")})");
        }

        await session.ExecuteAsync($"INSERT INTO rows VALUES {values}", Ct);
    }

    private static async Task<Dictionary<string, (float Raw, float Probability)>> KernelAsync(WarehouseSession session, ScoringPlan plan)
    {
        var model = new CompiledModel(plan);
        var wanted = model.Columns.ToDictionary(StringComparer.OrdinalIgnoreCase);
        wanted["id"] = ColumnUse.Text;
        ColumnBatch batch;
        await using (var reader = await session.ReadAsync(RenderedSql.Plain("SELECT * FROM rows"), Ct))
        {
            batch = ColumnBatch.Read(reader, wanted, int.MaxValue, ct: Ct)!;
        }

        var (raw, probability) = (new float[batch.Rows], new float[batch.Rows]);
        model.Score(batch, raw, probability);
        var keys = batch.Find("id")!;
        return Enumerable.Range(0, batch.Rows).ToDictionary(i => keys.Texts![keys.Codes![i]], i => (raw[i], probability[i]));
    }

    private static async Task<Dictionary<string, (float Raw, float Probability)>> RunAsync(WarehouseSession session, PlanSqlScript script)
    {
        foreach (var statement in script.Setup)
        {
            await session.ExecuteAsync(statement, Ct);
        }

        var scores = new Dictionary<string, (float, float)>();
        await using (var reader = await session.ReadAsync(RenderedSql.Plain(script.Select), Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                scores[reader.GetString(0)] = (reader.GetFloat(1), reader.GetFloat(2));
            }
        }

        foreach (var statement in script.Cleanup)
        {
            await session.ExecuteAsync(statement, Ct);
        }

        return scores;
    }

    private static void AssertSame(Dictionary<string, (float Raw, float Probability)> kernel, Dictionary<string, (float Raw, float Probability)> sql)
    {
        Assert.Equal(Rows, kernel.Count);
        Assert.Equal(kernel.Count, sql.Count);
        var differing = kernel.Where(k => BitConverter.SingleToInt32Bits(k.Value.Raw) != BitConverter.SingleToInt32Bits(sql[k.Key].Raw)
            || BitConverter.SingleToInt32Bits(k.Value.Probability) != BitConverter.SingleToInt32Bits(sql[k.Key].Probability)).ToList();
        Assert.True(differing.Count == 0,
            $"{differing.Count} of {kernel.Count} rows differ, e.g. {differing.FirstOrDefault().Key}: kernel {differing.FirstOrDefault().Value}, SQL {(differing.Count > 0 ? sql[differing[0].Key] : default)}");
    }
}
