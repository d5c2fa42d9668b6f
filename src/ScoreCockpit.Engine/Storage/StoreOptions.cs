using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace ScoreCockpit.Engine.Storage;

/// <summary>Points a context at the configured provider and that provider's migrations project.</summary>
public static class StoreOptions
{
    public static DbContextOptionsBuilder UseCockpitStore(this DbContextOptionsBuilder options, StoreSettings store) =>
        (store.Provider switch
        {
            StoreProvider.Sqlite => Sqlite(options, store),
            StoreProvider.Postgres => Postgres(options, store),
            StoreProvider.SqlServer => SqlServer(options, store),
            _ => throw new CockpitSetupException($"Store:Provider {store.Provider} is not supported."),
        })
        // The store's parameters include password hashes, security stamps and protected connection strings:
        // a command logged on failure shows "?" for them, never the value.
        .EnableSensitiveDataLogging(false);

    public static CockpitDbContext CreateContext(StoreSettings store)
    {
        var options = new DbContextOptionsBuilder<CockpitDbContext>();
        options.UseCockpitStore(store);
        return new CockpitDbContext(options.Options);
    }

    // One method per provider, never inlined: compiling a method loads the assemblies it calls into, so a single
    // switch would load all three EF Core providers (and SqlClient) into a process that uses one.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbContextOptionsBuilder Sqlite(DbContextOptionsBuilder options, StoreSettings store) =>
        options.UseSqlite(store.ConnectionString, o => o.MigrationsAssembly(store.MigrationsAssembly));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbContextOptionsBuilder Postgres(DbContextOptionsBuilder options, StoreSettings store) =>
        options.UseNpgsql(store.ConnectionString, o => o.MigrationsAssembly(store.MigrationsAssembly));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbContextOptionsBuilder SqlServer(DbContextOptionsBuilder options, StoreSettings store) =>
        options.UseSqlServer(store.ConnectionString, o => o.MigrationsAssembly(store.MigrationsAssembly));
}
