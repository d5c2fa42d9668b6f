using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>What an analyst reads when the SQL or the connection is wrong.</summary>
public sealed class WarehouseErrorTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(WarehouseKind.DuckDb, "Referenced column \"nope\" not found")]
    [InlineData(WarehouseKind.Postgres, "column \"nope\" does not exist")]
    public async Task A_sql_error_carries_the_warehouses_own_words(WarehouseKind kind, string warehouseText)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();

        var read = await Assert.ThrowsAsync<WarehouseException>(() => session.ReadAsync(RenderedSql.Plain("SELECT nope FROM customers"), Ct));
        var probe = await Assert.ThrowsAsync<WarehouseException>(() => session.ColumnsAsync(RenderedSql.Plain("SELECT nope FROM customers"), Ct));
        var execute = await Assert.ThrowsAsync<WarehouseException>(() => session.ExecuteAsync("UPDATE customers SET nope = 1", Ct));

        Assert.StartsWith($"The warehouse 'test' ({kind}) refused the SQL: ", read.Message, StringComparison.Ordinal);
        Assert.Contains(warehouseText, read.Message, StringComparison.Ordinal);
        Assert.Contains(warehouseText, probe.Message, StringComparison.Ordinal);
        Assert.Contains("nope", execute.Message, StringComparison.Ordinal);
        // The session is still usable after a refused statement.
        Assert.Equal(TestWarehouse.CustomerCount, await session.CountRowsAsync("customers", Ct));
    }

    [Fact]
    public async Task DuckDb_line_numbers_match_the_analysts_sql_through_probes_and_create_table_as()
    {
        await using var warehouse = await TestWarehouse.CreateAsync(WarehouseKind.DuckDb, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();
        const string Sql = "SELECT customer_id\nFROM customers\nWHERE nope = 1";

        var probe = await Assert.ThrowsAsync<WarehouseException>(() => session.ColumnsAsync(RenderedSql.Plain(Sql), Ct));
        var ctas = await Assert.ThrowsAsync<WarehouseException>(() => session.ExecuteAsync(session.Dialect.CreateTableAs("t", Sql), Ct));

        Assert.Contains("LINE 3:", probe.Message, StringComparison.Ordinal);
        Assert.Contains("LINE 3:", ctas.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DuckDb_file_inside_a_regular_file_is_a_clear_connection_error()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("plain.txt"), "not a folder", Ct);
        var info = new WarehouseConnectionInfo("broken", WarehouseKind.DuckDb,
            $"Data Source={Path.Combine(folder.File("plain.txt"), "warehouse.duckdb")}");

        var error = await Assert.ThrowsAsync<WarehouseException>(() => Connector().OpenAsync(info, Ct));

        Assert.StartsWith("Cannot connect to the warehouse broken (DuckDb, ", error.Message, StringComparison.Ordinal);
        Assert.Contains("plain.txt", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Check its connection string and that it is reachable.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_Postgres_port_is_a_clear_connection_error_without_the_password()
    {
        var port = PostgresCluster.FindFreePort();
        var info = new WarehouseConnectionInfo("dwh", WarehouseKind.Postgres,
            $"Host=127.0.0.1;Port={port};Username=analyst;Password=secret;Database=dwh;Timeout=5");

        var error = await Assert.ThrowsAsync<WarehouseException>(() => Connector().OpenAsync(info, Ct));

        Assert.StartsWith("Cannot connect to the warehouse dwh (Postgres, ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check its connection string and that it is reachable.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Teradata_without_its_provider_says_the_provider_is_not_registered()
    {
        var info = new WarehouseConnectionInfo("edw", WarehouseKind.Teradata, "Data Source=edw.example.com;User Id=analyst;Password=secret");

        var error = await Assert.ThrowsAsync<WarehouseException>(() => Connector().OpenAsync(info, Ct));

        Assert.Contains("Teradata's ADO.NET provider is not registered for the warehouse connection 'edw'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Warehouse:Providers:Teradata:Assembly", error.Message, StringComparison.Ordinal);
        Assert.Contains(WarehouseConnector.TeradataProviderName, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static WarehouseConnector Connector() => new(Microsoft.Extensions.Logging.Abstractions.NullLogger<WarehouseConnector>.Instance);
}
