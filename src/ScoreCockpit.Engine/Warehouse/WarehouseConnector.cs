using System.Data.Common;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// Opens sessions on warehouses; failures come back as one clear message without the secret. A provider set in
/// configuration (<see cref="WarehouseProviders"/>) wins over the one ScoreCockpit ships for that kind.
/// </summary>
public sealed class WarehouseConnector(ILogger<WarehouseConnector> logger, WarehouseProviders? providers = null)
{
    /// <summary>The invariant name under which a user registers Teradata's ADO.NET provider.</summary>
    public const string TeradataProviderName = "Teradata.Client.Provider";

    /// <summary>
    /// How long to wait for a DuckDB file another process has open. DuckDB lets one process at a time open a file:
    /// units in child processes take turns to read their snapshot, then compute side by side.
    /// </summary>
    public static readonly TimeSpan DuckDbLockWait = TimeSpan.FromMinutes(10);

    public async Task<WarehouseSession> OpenAsync(WarehouseConnectionInfo info, CancellationToken ct = default)
    {
        // Chosen before connecting, so a kind without a dialect cannot leave an open connection behind.
        var dialect = Dialects.For(info.Kind);
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
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

                if (info.Kind == WarehouseKind.DuckDb && e.Message.Contains("Could not set lock", StringComparison.Ordinal) && waiting.Elapsed < DuckDbLockWait)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                    continue;
                }

                var advice = e is DbException db ? dialect.Advice(db) : null;
                throw new WarehouseException(
                    $"Cannot connect to the warehouse {info}: {e.Message.Trim().TrimEnd('.')}. " +
                    (advice ?? "Check its connection string and that it is reachable."),
                    e);
            }
        }
    }

    private DbConnection Create(WarehouseConnectionInfo info)
    {
        if ((providers ?? WarehouseProviders.None).For(info.Kind) is { } configured)
        {
            var factory = ProviderLoader.Load(info, configured);
            return Connection(factory, info);
        }

        return info.Kind switch
        {
            WarehouseKind.DuckDb => DuckDb(info),
            WarehouseKind.Postgres => Postgres(info),
            WarehouseKind.SqlServer => SqlServer(info),
            WarehouseKind.Teradata => Connection(RegisteredTeradata(info), info),
            _ => throw new ArgumentException($"Unknown warehouse kind {info.Kind}."),
        };
    }

    // One method per provider, never inlined, each returning the base type: compiling a method loads the assemblies
    // named by what it calls, so one switch (or a concrete return type) would load DuckDB's, PostgreSQL's and SQL
    // Server's clients into a process that talks to one warehouse.
#pragma warning disable CA1859
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbConnection DuckDb(WarehouseConnectionInfo info) => new DuckDBConnection(info.ConnectionString);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbConnection Postgres(WarehouseConnectionInfo info) => new NpgsqlConnection(info.ConnectionString);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbConnection SqlServer(WarehouseConnectionInfo info) => new SqlConnection(info.ConnectionString);
#pragma warning restore CA1859

    private static DbProviderFactory RegisteredTeradata(WarehouseConnectionInfo info) =>
        DbProviderFactories.TryGetFactory(TeradataProviderName, out var factory)
            ? factory
            : throw new WarehouseException(
                $"Teradata's ADO.NET provider is not registered for the warehouse connection '{info.Name}': set " +
                $"{WarehouseProviders.Key(WarehouseKind.Teradata, "Assembly")} to the path of Teradata.Client.Provider.dll and " +
                $"{WarehouseProviders.Key(WarehouseKind.Teradata, "Factory")} to Teradata.Client.Provider.TdFactory " +
                $"(or register it with DbProviderFactories under '{TeradataProviderName}').");

    private static DbConnection Connection(DbProviderFactory factory, WarehouseConnectionInfo info)
    {
        var connection = factory.CreateConnection()
            ?? throw new InvalidOperationException($"The {info.Kind} provider {factory.GetType().FullName} returned no connection");
        connection.ConnectionString = info.ConnectionString;
        return connection;
    }
}
