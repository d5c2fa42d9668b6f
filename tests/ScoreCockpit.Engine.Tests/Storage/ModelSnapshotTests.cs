using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ScoreCockpit.Engine.Storage;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Storage;

/// <summary>
/// Each provider's migrations project must match the model: a change to an entity or a map without
/// `dotnet ef migrations add` for all three providers fails here. No server is needed for this.
/// </summary>
public sealed class ModelSnapshotTests
{
    public static TheoryData<StoreProvider, string> Stores => new()
    {
        { StoreProvider.Sqlite, "Data Source=:memory:" },
        { StoreProvider.Postgres, "Host=127.0.0.1;Port=1;Database=cockpit;Username=nobody" },
        { StoreProvider.SqlServer, "Server=127.0.0.1,1;Database=cockpit;User Id=nobody;Password=unused;Encrypt=False" },
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public void The_migrations_match_the_model(StoreProvider provider, string connectionString)
    {
        using var db = StoreOptions.CreateContext(new StoreSettings(provider, connectionString));

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes with no {provider} migration. Add one with dotnet ef migrations add for every provider.");
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void The_migrations_come_from_the_providers_own_project(StoreProvider provider, string connectionString)
    {
        var settings = new StoreSettings(provider, connectionString);
        using var db = StoreOptions.CreateContext(settings);

        var migrations = db.GetService<IMigrationsAssembly>();

        Assert.Equal($"ScoreCockpit.Migrations.{provider}", migrations.Assembly.GetName().Name);
        Assert.Equal(settings.MigrationsAssembly, migrations.Assembly.GetName().Name);
        Assert.NotEmpty(migrations.Migrations);
        Assert.NotNull(migrations.ModelSnapshot);
        Assert.Equal(migrations.Migrations.Keys.Order(StringComparer.Ordinal), db.Database.GetMigrations());
    }
}
