using Microsoft.EntityFrameworkCore.Design;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Migrations.SqlServer;

/// <summary>Lets `dotnet ef migrations add` build the model for SqlServer without a running portal.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CockpitDbContext>
{
    public CockpitDbContext CreateDbContext(string[] args) =>
        StoreOptions.CreateContext(new StoreSettings(StoreProvider.SqlServer, "Server=localhost;Database=scorecockpit;Trusted_Connection=True;TrustServerCertificate=True"));
}
