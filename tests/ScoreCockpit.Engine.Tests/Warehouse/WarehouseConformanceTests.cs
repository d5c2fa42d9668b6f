using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Conformance;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>The conformance suite on the warehouses at hand: all of it passes, and it leaves nothing behind.</summary>
public sealed class WarehouseConformanceTests(PostgresClusterFixture postgres)
{
    private static readonly string[] Checks =
    [
        "create table", "batched insert", "create table as select (key)", "drop missing table", "drop present table",
        "swap onto missing target", "swap onto existing target", "profile", "correlation", "WITH dataprep", "window function",
        "date and float round trip", "nulls round trip", "plan: nested CASE", "plan: float literals", "plan: midpoint comparison",
        "plan: EXP and REAL", "plan: NULL routing and levels", "plan: scratch layer", "plan: linear sums in REAL",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Every_check_passes_and_no_scratch_table_is_left(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();

        var results = await WarehouseConformance.RunAsync(session, TimeProvider.System, Ct);

        Assert.Equal(Checks, results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Outcome == ConformanceOutcome.Passed, $"{r.Name}: {r.Outcome} {r.Message}"));
        Assert.All(results, r => Assert.True(r.Duration >= TimeSpan.Zero));
        Assert.Equal(0L, await ScratchTablesAsync(session));
        Assert.Equal(TestWarehouse.CustomerCount, await session.CountRowsAsync("customers", Ct));
    }

    [Fact]
    public async Task A_refused_statement_fails_its_check_with_the_warehouses_words_and_the_checks_that_need_it()
    {
        await using var warehouse = await TestWarehouse.CreateAsync(WarehouseKind.DuckDb, postgres);
        await (await warehouse.OpenAsync()).DisposeAsync();
        var readOnly = warehouse.Info with { ConnectionString = warehouse.Info.ConnectionString + ";ACCESS_MODE=READ_ONLY" };
        await using var session = await warehouse.Connector.OpenAsync(readOnly, Ct);

        var results = (await WarehouseConformance.RunAsync(session, TimeProvider.System, Ct)).ToDictionary(r => r.Name);

        Assert.Equal(ConformanceOutcome.Failed, results["create table"].Outcome);
        Assert.Contains("read-only", results["create table"].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("not run: it needs 'create table', which failed.", results["batched insert"].Message);
        Assert.Equal("not run: it needs 'batched insert', which failed.", results["create table as select (key)"].Message);
        Assert.Equal(ConformanceOutcome.Failed, results["window function"].Outcome);
    }

    /// <summary>Tables named like the suite's scratch tables, in any schema.</summary>
    internal static async Task<long> ScratchTablesAsync(WarehouseSession session) =>
        Convert.ToInt64(await session.ScalarAsync(RenderedSql.Plain(
            $"SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE '{ScratchTables.Prefix}%'"), Ct),
            System.Globalization.CultureInfo.InvariantCulture);
}
