using Microsoft.EntityFrameworkCore.Design;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for Sqlite without a running portal.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CockpitDbContext>
{
    public CockpitDbContext CreateDbContext(string[] args) =>
        StoreOptions.CreateContext(new StoreSettings(StoreProvider.Sqlite, "Data Source=design-time.db"));
}
