using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Storage;

/// <summary>A wrong start-up setting must end in a message a person can act on, never in a stack trace or a leaked secret.</summary>
public sealed class SetupErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_data_folder_below_a_regular_file_is_refused_with_the_path_and_how_to_choose_another()
    {
        using var temp = new TempFolder();
        var file = temp.File("not-a-folder");
        File.WriteAllText(file, "a file where a folder is expected");
        var data = new DataFolder(Path.Combine(file, "data"));

        var error = Assert.Throws<CockpitSetupException>(data.EnsureWritable);

        Assert.Contains($"'{data.Path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--data", error.Message, StringComparison.Ordinal);
        Assert.Contains(DataFolder.EnvironmentVariable, error.Message, StringComparison.Ordinal);
        Assert.Equal("SCORECOCKPIT_DATA", DataFolder.EnvironmentVariable);
    }

    [Fact]
    public void A_missing_data_folder_is_created_and_left_without_the_probe()
    {
        using var temp = new TempFolder();
        var data = new DataFolder(Path.Combine(temp.Path, "a", "b"));

        data.EnsureWritable();

        Assert.True(Directory.Exists(data.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    [Theory]
    [InlineData("/srv/cli", "/srv/env", "/srv/cli")]
    [InlineData(null, "/srv/env", "/srv/env")]
    [InlineData("  ", "/srv/env", "/srv/env")]
    public void The_command_line_wins_over_the_environment(string? commandLine, string? environment, string expected) =>
        Assert.Equal(Path.GetFullPath(expected), DataFolder.Resolve(commandLine, environment).Path);

    [Fact]
    public void Without_either_the_data_folder_is_data_in_the_current_folder() =>
        Assert.Equal(Path.GetFullPath("data"), DataFolder.Resolve(null, "").Path);

    [Theory]
    [InlineData("Oracle")]
    [InlineData("sqlite3")]
    [InlineData("1")]
    [InlineData("Sqlite, Postgres")]
    public void An_unknown_provider_is_refused_with_the_ones_that_exist(string provider)
    {
        var error = Assert.Throws<CockpitSetupException>(
            () => StoreSettings.Resolve(provider, "Host=db", new DataFolder("data")));

        Assert.Equal($"Store:Provider '{provider}' is not supported. Use Sqlite, Postgres or SqlServer.", error.Message);
    }

    [Theory]
    [InlineData("Postgres", null)]
    [InlineData("postgres", "")]
    [InlineData("SqlServer", "   ")]
    public void A_server_provider_without_a_connection_string_is_refused(string provider, string? connectionString)
    {
        var error = Assert.Throws<CockpitSetupException>(
            () => StoreSettings.Resolve(provider, connectionString, new DataFolder("data")));

        Assert.StartsWith($"Store:Provider is {StoreSettings.ParseProvider(provider)} but Store:ConnectionString is empty.", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("Store__ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_settings_the_store_is_sqlite_in_the_data_folder()
    {
        var data = new DataFolder("/srv/cockpit");

        Assert.Equal(new StoreSettings(StoreProvider.Sqlite, "Data Source=/srv/cockpit/cockpit.db"), StoreSettings.Resolve(null, null, data));
        Assert.Equal(new StoreSettings(StoreProvider.Postgres, "Host=db"), StoreSettings.Resolve(" POSTGRES ", "Host=db", data));
    }

    [Theory]
    [InlineData("Data Source=cockpit.db;Password=secret;Frobnicate=yes")]
    [InlineData("Data Source=cockpit.db;Password=secret;=oops")]
    public async Task A_malformed_sqlite_connection_string_ends_in_a_setup_error_without_the_password(string connectionString)
    {
        using var temp = new TempFolder();

        var error = await PrepareAsync(temp, new StoreSettings(StoreProvider.Sqlite, connectionString));

        Assert.Contains("Cannot open the cockpit store (Sqlite", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_postgres_server_that_is_not_there_ends_in_a_setup_error_without_the_password()
    {
        using var temp = new TempFolder();
        var closedPort = PostgresCluster.FindFreePort();
        var settings = new StoreSettings(StoreProvider.Postgres,
            $"Host=127.0.0.1;Port={closedPort};Database=cockpit;Username=cockpit;Password=secret;Timeout=5");

        var error = await PrepareAsync(temp, settings);

        Assert.Contains("Cannot open the cockpit store (Postgres", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Port={closedPort}", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("reachable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Redacted_connection_strings_hide_every_spelling_of_the_password()
    {
        var settings = new StoreSettings(StoreProvider.SqlServer, "Server=db;User Id=sa;PWD=secret1;Password=secret2");

        Assert.DoesNotContain("secret", settings.Redacted, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("server=db", settings.Redacted, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<CockpitSetupException> PrepareAsync(TempFolder temp, StoreSettings settings)
    {
        var services = new ServiceCollection();
        services.AddScoreCockpitEngine(new DataFolder(temp.Path), settings);
        await using var provider = services.BuildServiceProvider();
        return await Assert.ThrowsAsync<CockpitSetupException>(() => provider.PrepareCockpitStoreAsync(Ct));
    }
}
