using System.Data;
using Microsoft.Data.SqlClient;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>What the providers really bind: the facts the dialects' parameter markers rely on.</summary>
public sealed class ProviderParameterTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DuckDb_binds_dollar_named_parameters_in_a_plain_select()
    {
        await using var warehouse = await TestWarehouse.CreateAsync(WarehouseKind.DuckDb, postgres);
        await using var session = await warehouse.OpenAsync();

        var value = await session.ScalarAsync(
            new RenderedSql("SELECT $a + 1 AS answer, $b AS again, $a AS twice", [new("a", 41), new("b", "x")]), Ct);

        Assert.Equal(42, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Both warehouses also bind parameters inside CREATE TABLE AS; the engine still writes literals there, as it must
    /// for Teradata and as is safe for every warehouse.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Create_table_as_also_binds_parameters(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();
        var dialect = session.Dialect;
        var select = $"SELECT * FROM customers WHERE signup_date >= {dialect.ParameterMarker("since")} " +
                     $"AND balance > {dialect.ParameterMarker("min_balance")}";

        await session.ExecuteAsync(
            new RenderedSql(dialect.CreateTableAs("rich", select), [new("since", new DateOnly(2025, 1, 1)), new("min_balance", 100m)]), Ct);

        Assert.Equal(2, await session.CountRowsAsync("rich", Ct));
    }

    [Fact]
    public void SqlClient_sends_a_DateOnly_as_a_date()
    {
        // The templates bind dates as DateOnly; checked without a server, SqlClient infers the date type for it.
        var parameter = new SqlParameter("date_ref", new DateOnly(2026, 1, 31));

        Assert.Equal(SqlDbType.Date, parameter.SqlDbType);
    }
}
