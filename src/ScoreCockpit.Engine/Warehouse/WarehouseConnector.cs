using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>Opens sessions on warehouses; failures come back as one clear message without the secret.</summary>
public sealed class WarehouseConnector(ILogger<WarehouseConnector> logger)
{
    /// <summary>The invariant name under which a user registers Teradata's ADO.NET provider.</summary>
    public const string TeradataProviderName = "Teradata.Client.Provider";

    public async Task<WarehouseSession> OpenAsync(WarehouseConnectionInfo info, CancellationToken ct = default)
    {
        // Chosen before connecting, so a kind without a dialect cannot leave an open connection behind.
        var dialect = Dialects.For(info.Kind);
        DbConnection? connection = null;
        try
        {
            connection = Create(info);
            await connection.OpenAsync(ct);
            logger.LogDebug("Opened warehouse {Warehouse}", info);
            return new WarehouseSession(connection, dialect, info);
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException or IOException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw new WarehouseException(
                $"Cannot connect to the warehouse {info}: {e.Message.Trim().TrimEnd('.')}. Check its connection string and that it is reachable.",
                e);
        }
    }

    private static DbConnection Create(WarehouseConnectionInfo info) => info.Kind switch
    {
        WarehouseKind.DuckDb => new DuckDBConnection(info.ConnectionString),
        WarehouseKind.Postgres => new NpgsqlConnection(info.ConnectionString),
        WarehouseKind.SqlServer => new SqlConnection(info.ConnectionString),
        WarehouseKind.Teradata => CreateTeradata(info.ConnectionString),
        _ => throw new ArgumentException($"Unknown warehouse kind {info.Kind}."),
    };

    private static DbConnection CreateTeradata(string connectionString)
    {
        if (!DbProviderFactories.TryGetFactory(TeradataProviderName, out var factory))
        {
            throw new InvalidOperationException(
                $"Teradata's ADO.NET provider is not registered. Put Teradata.Client.Provider.dll beside ScoreCockpit and register it " +
                $"with DbProviderFactories under '{TeradataProviderName}'");
        }

        var connection = factory.CreateConnection()
            ?? throw new InvalidOperationException("Teradata's provider returned no connection");
        connection.ConnectionString = connectionString;
        return connection;
    }
}
