using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Cli.Hosting;

/// <summary>
/// The engine's services for one command: the data folder and the cockpit store from `--data` and the
/// environment (`SCORECOCKPIT_DATA`, `Store__Provider`, `Store__ConnectionString`, `Runs__…` for run leases,
/// `Warehouse__Providers__…` for warehouse providers, `Units__…` for where units run), prepared
/// before any verb runs.
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    public const string StoreProviderVariable = "Store__Provider";
    public const string StoreConnectionStringVariable = "Store__ConnectionString";

    private readonly ServiceProvider services;

    private CliHost(ServiceProvider services, DataFolder data, StoreSettings store)
    {
        this.services = services;
        Data = data;
        Store = store;
    }

    public DataFolder Data { get; }

    public StoreSettings Store { get; }

    public IServiceProvider Services => services;

    public static async Task<CliHost> StartAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        var data = DataFolder.Resolve(
            parse.GetValue(context.Data), context.Console.GetEnvironmentVariable(DataFolder.EnvironmentVariable));
        var store = StoreSettings.Resolve(
            context.Console.GetEnvironmentVariable(StoreProviderVariable),
            context.Console.GetEnvironmentVariable(StoreConnectionStringVariable),
            data);
        if (store.Provider == StoreProvider.Sqlite)
        {
            // The embedded store lives in the data folder: say so clearly before SQLite gives a vaguer error.
            data.EnsureWritable();
        }

        var collection = new ServiceCollection();
        collection.AddLogging();
        // Settings as the portal reads them, from the environment (Runs__LeaseRenewalSeconds…, Warehouse__Providers__…).
        Func<string, string?> setting = key => context.Console.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal));
        var leases = Engine.Scoring.RunLeaseSettings.Resolve(setting);
        collection.AddScoreCockpitEngine(data, store, leases, Engine.Warehouse.WarehouseProviders.Resolve(setting),
            Engine.Units.UnitSettings.Resolve(setting), setting);
        collection.AddSingleton(Engine.Settings.CockpitTimeZone.Resolve(setting(Engine.Settings.CockpitTimeZone.Setting)));
        collection.AddSingleton(Engine.Localization.CockpitCulture.Resolve(setting(Engine.Localization.CockpitCulture.Setting)));
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var host = new CliHost(provider, data, store);
        try
        {
            await provider.PrepareCockpitStoreAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (Store.Provider == StoreProvider.Sqlite)
        {
            // Release the database file now, so a caller (or a test) can move or delete the data folder.
            using var connection = new SqliteConnection(Store.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}
