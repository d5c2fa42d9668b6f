using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Support;

/// <summary>
/// The engine wired exactly as a host wires it (AddScoreCockpitEngine), on a fresh store of its own:
/// a SQLite file in a temp folder, or a new database in the shared PostgreSQL cluster. The clock is fake.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string GoodPassword = "Correct-Horse-42";

    /// <summary>The fake clock's default starting point.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly TempFolder _folder;

    private TestStore(ServiceProvider services, TempFolder folder, StoreSettings settings, FakeTimeProvider time)
    {
        _services = services;
        _folder = folder;
        Settings = settings;
        Time = time;
    }

    /// <summary>Every provider the store tests run on: SQLite always, PostgreSQL whenever it is installed (always in CI).</summary>
    public static TheoryData<StoreProvider> Providers => new(StoreProvider.Sqlite, StoreProvider.Postgres);

    public StoreSettings Settings { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _services;

    /// <param name="culture">The installation's language (Cockpit:Culture); null: the default, English.</param>
    public static Task<TestStore> CreateAsync(StoreProvider provider, PostgresClusterFixture postgres,
        bool prepare = true, DateTimeOffset? now = null, Engine.Localization.CockpitCulture? culture = null) =>
        CreateInAsync(new TempFolder(), provider, postgres, prepare, now, culture);

    /// <summary>
    /// A fresh store in the state <paramref name="prepare"/> leaves. On SQLite, a copy of a data folder (store, demo
    /// warehouse, artifacts) prepared once in this test run under <paramref name="name"/> (<see cref="FolderTemplates"/>);
    /// on PostgreSQL, prepared here. The clock starts where the template's started: a preparation must not advance it.
    /// </summary>
    public static async Task<TestStore> PreparedAsync(
        StoreProvider provider, string name, Func<TestStore, Task> prepare, PostgresClusterFixture postgres)
    {
        if (provider == StoreProvider.Sqlite)
        {
            var template = await FolderTemplates.GetAsync(name, path => BuildTemplateAsync(path, prepare, postgres));
            var folder = new TempFolder();
            FolderCopy.Copy(template, folder.Path);
            return await CreateInAsync(folder, provider, postgres);
        }

        var store = await CreateAsync(provider, postgres);
        try
        {
            await prepare(store);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh SQLite store holding the demo of <paramref name="customers"/> customers (default months).</summary>
    public static Task<TestStore> WithDemoAsync(int customers, PostgresClusterFixture postgres) =>
        PreparedAsync(StoreProvider.Sqlite, $"demo of {customers}",
            store => store.Get<Engine.Demo.DemoInstaller>().InstallAsync(customers, ct: TestContext.Current.CancellationToken), postgres);

    private static async Task BuildTemplateAsync(string path, Func<TestStore, Task> prepare, PostgresClusterFixture postgres)
    {
        var store = await CreateInAsync(new TempFolder(path), StoreProvider.Sqlite, postgres);
        try
        {
            await prepare(store);
            if (store.Time.GetUtcNow() != Start)
            {
                throw new InvalidOperationException("A template's preparation moved the fake clock; its copies would start elsewhere.");
            }
        }
        finally
        {
            // Closed (every connection released); the folder stays for the copies, and goes if the preparation failed.
            await store.DisposeAsync(keepFolder: true);
        }
    }

    /// <summary>The store in <paramref name="folder"/>, which it deletes on dispose (or now, if it cannot start).</summary>
    private static async Task<TestStore> CreateInAsync(TempFolder folder, StoreProvider provider, PostgresClusterFixture postgres,
        bool prepare = true, DateTimeOffset? now = null, Engine.Localization.CockpitCulture? culture = null)
    {
        var ct = TestContext.Current.CancellationToken;
        try
        {
            var data = new DataFolder(folder.Path);
            var settings = provider switch
            {
                StoreProvider.Sqlite => new StoreSettings(provider, $"Data Source={data.File("cockpit.db")}"),
                StoreProvider.Postgres => new StoreSettings(provider,
                    await (await postgres.GetClusterAsync()).CreateDatabaseAsync($"store_{Guid.NewGuid():N}", ct)),
                _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Store tests run on SQLite and PostgreSQL."),
            };

            var time = new FakeTimeProvider(now ?? Start);
            var services = new ServiceCollection();
            services.AddScoreCockpitEngine(data, settings);
            // Registered after the engine's TimeProvider.System, so this one is resolved.
            services.AddSingleton<TimeProvider>(time);
            // The cockpit's zone is the fake clock's local zone (UTC unless a test sets another before using the store),
            // so the tests' instants read as the days they name.
            services.AddSingleton(_ => new Engine.Settings.CockpitTimeZone(time.LocalTimeZone));
            if (culture is not null)
            {
                services.AddSingleton(culture);
            }

            var built = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
            var store = new TestStore(built, folder, settings, time);
            if (prepare)
            {
                await built.PrepareCockpitStoreAsync(ct);
            }

            return store;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>
    /// A second host on this store and clock (another portal replica, a headless scheduler), named
    /// <paramref name="host"/> in the owners it writes; dispose it to stop it.
    /// </summary>
    public ServiceProvider Replica(string host)
    {
        var services = new ServiceCollection();
        var leases = Engine.Scoring.RunLeaseSettings.Default with { Host = host };
        services.AddScoreCockpitEngine(new DataFolder(_folder.Path), Settings, leases);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(_ => new Engine.Settings.CockpitTimeZone(Time.LocalTimeZone));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>The data folder: a command line run with --data here reads this store (SQLite).</summary>
    public string DataPath => _folder.Path;

    public Task<CockpitDbContext> OpenAsync() =>
        Get<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>Adds an account the way the command line does (as the system).</summary>
    public Task<CockpitUser> AddUserAsync(string email, params string[] roles) =>
        Get<AddUserHandler>().HandleAsync(new AddUser(email, GoodPassword, roles), Actor.System, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => DisposeAsync(keepFolder: false);

    private async ValueTask DisposeAsync(bool keepFolder)
    {
        await _services.DisposeAsync();
        if (Settings.Provider == StoreProvider.Sqlite)
        {
            using var connection = new SqliteConnection(Settings.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new NpgsqlConnection(Settings.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        if (!keepFolder)
        {
            _folder.Dispose();
        }
    }
}
