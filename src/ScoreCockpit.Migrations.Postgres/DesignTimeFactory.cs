using Microsoft.EntityFrameworkCore.Design;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for Postgres without a running portal.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CockpitDbContext>
{
    public CockpitDbContext CreateDbContext(string[] args) =>
        StoreOptions.CreateContext(new StoreSettings(StoreProvider.Postgres, "Host=localhost;Database=scorecockpit"));
}
