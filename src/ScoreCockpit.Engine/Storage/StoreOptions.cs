using Microsoft.EntityFrameworkCore;

namespace ScoreCockpit.Engine.Storage;

/// <summary>Points a context at the configured provider and that provider's migrations project.</summary>
public static class StoreOptions
{
    public static DbContextOptionsBuilder UseCockpitStore(this DbContextOptionsBuilder options, StoreSettings store)
    {
        var assembly = store.MigrationsAssembly;
        return store.Provider switch
        {
            StoreProvider.Sqlite => options.UseSqlite(store.ConnectionString, o => o.MigrationsAssembly(assembly)),
            StoreProvider.Postgres => options.UseNpgsql(store.ConnectionString, o => o.MigrationsAssembly(assembly)),
            StoreProvider.SqlServer => options.UseSqlServer(store.ConnectionString, o => o.MigrationsAssembly(assembly)),
            _ => throw new CockpitSetupException($"Store:Provider {store.Provider} is not supported."),
        };
    }

    public static CockpitDbContext CreateContext(StoreSettings store)
    {
        var options = new DbContextOptionsBuilder<CockpitDbContext>();
        options.UseCockpitStore(store);
        return new CockpitDbContext(options.Options);
    }
}
