using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>
/// A fresh warehouse of its own for one test: a DuckDB file in a temp folder, or a new database in the shared
/// PostgreSQL cluster. Sessions are opened through <see cref="WarehouseConnector"/>, as the engine opens them.
/// </summary>
public sealed class TestWarehouse : IAsyncDisposable
{
    /// <summary>The four customers every test starts from.</summary>
    public const int CustomerCount = 4;

    private readonly TempFolder _folder;

    private TestWarehouse(TempFolder folder, WarehouseConnectionInfo info)
    {
        _folder = folder;
        Info = info;
    }

    /// <summary>Every warehouse the integration tests run on: DuckDB always, PostgreSQL whenever it is installed (always in CI).</summary>
    public static TheoryData<WarehouseKind> Kinds => new(WarehouseKind.DuckDb, WarehouseKind.Postgres);

    public WarehouseConnectionInfo Info { get; }

    public WarehouseConnector Connector { get; } = new(NullLogger<WarehouseConnector>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TestWarehouse> CreateAsync(WarehouseKind kind, PostgresClusterFixture postgres)
    {
        var folder = new TempFolder();
        try
        {
            var connectionString = kind switch
            {
                WarehouseKind.DuckDb => $"Data Source={folder.File("warehouse.duckdb")}",
                WarehouseKind.Postgres =>
                    await (await postgres.GetClusterAsync()).CreateDatabaseAsync($"warehouse_{Guid.NewGuid():N}", Ct),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Warehouse tests run on DuckDB and PostgreSQL."),
            };
            return new TestWarehouse(folder, new WarehouseConnectionInfo("test", kind, connectionString));
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public Task<WarehouseSession> OpenAsync() => Connector.OpenAsync(Info, Ct);

    /// <summary>A session on a warehouse that holds the <c>customers</c> table.</summary>
    public async Task<WarehouseSession> OpenWithCustomersAsync()
    {
        var session = await OpenAsync();
        try
        {
            await session.ExecuteAsync(
                "CREATE TABLE customers (customer_id INTEGER NOT NULL, name VARCHAR(50) NOT NULL, signup_date DATE NOT NULL, " +
                "balance DECIMAL(12, 2) NOT NULL, segment VARCHAR(20) NOT NULL)", Ct);
            await session.ExecuteAsync(
                "INSERT INTO customers VALUES " +
                "(1, 'Ada', DATE '2025-01-15', 120.50, 'gold'), " +
                "(2, 'Bob', DATE '2025-06-01', 15.00, 'silver'), " +
                "(3, 'Cleo', DATE '2025-11-20', 300.00, 'gold'), " +
                "(4, 'Dan', DATE '2026-01-05', 0.00, 'gold')", Ct);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Info.Kind == WarehouseKind.Postgres)
        {
            using var connection = new NpgsqlConnection(Info.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
