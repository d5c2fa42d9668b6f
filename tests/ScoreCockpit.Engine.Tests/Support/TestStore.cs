using System.Collections.Concurrent;
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
        CreateAsync(provider, postgres, prepare, now, culture, copyOf: null);

    /// <summary>
    /// A fresh SQLite store whose data folder (store, demo warehouse, artifacts) starts as a copy of one that
    /// <paramref name="prepare"/> built once in this test run under <paramref name="name"/>. Installing a demo and
    /// training on it takes seconds; copying its files takes milliseconds, and each test still owns what it changes.
    /// The clock starts where the template's started: a preparation must not advance it.
    /// </summary>
    public static async Task<TestStore> CopyOfAsync(string name, Func<TestStore, Task> prepare, PostgresClusterFixture postgres)
    {
        var template = await Templates.GetOrAdd(name, _ => new Lazy<Task<string>>(() => BuildTemplateAsync(prepare, postgres))).Value;
        return await CreateAsync(StoreProvider.Sqlite, postgres, prepare: true, now: null, culture: null, copyOf: template);
    }

    /// <summary>A fresh SQLite store holding the demo of <paramref name="customers"/> customers (default months).</summary>
    public static Task<TestStore> WithDemoAsync(int customers, PostgresClusterFixture postgres) =>
        CopyOfAsync($"demo of {customers}", store => store.Get<Engine.Demo.DemoInstaller>().InstallAsync(customers, ct: TestContext.Current.CancellationToken), postgres);

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    private static async Task<string> BuildTemplateAsync(Func<TestStore, Task> prepare, PostgresClusterFixture postgres)
    {
        var store = await CreateAsync(StoreProvider.Sqlite, postgres);
        try
        {
            await prepare(store);
            if (store.Time.GetUtcNow() != Start)
            {
                throw new InvalidOperationException("A template's preparation moved the fake clock; its copies would start elsewhere.");
            }
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        // Closed (every connection released) but kept until the run ends, for the next copies.
        await store.DisposeAsync(keepFolder: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => new TempFolder(store.DataPath).Dispose();
        return store.DataPath;
    }

    private static async Task<TestStore> CreateAsync(StoreProvider provider, PostgresClusterFixture postgres,
        bool prepare, DateTimeOffset? now, Engine.Localization.CockpitCulture? culture, string? copyOf)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = new TempFolder();
        try
        {
            if (copyOf is not null)
            {
                FolderCopy.Copy(copyOf, folder.Path);
            }

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
