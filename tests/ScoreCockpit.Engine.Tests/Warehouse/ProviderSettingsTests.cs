using System.Runtime.Loader;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>ADO.NET providers registered from configuration (Warehouse:Providers:&lt;Kind&gt;:Assembly and :Factory), with real DLLs.</summary>
public sealed class ProviderSettingsTests(PostgresClusterFixture postgres)
{
    private static readonly WarehouseConnectionInfo Edw =
        new("edw", WarehouseKind.Teradata, "Data Source=edw.example.com;User Id=analyst;Password=secret");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Settings_are_read_per_kind_under_warehouse_providers()
    {
        var settings = new Dictionary<string, string>
        {
            ["Warehouse:Providers:Teradata:Assembly"] = " /opt/teradata/Teradata.Client.Provider.dll ",
            ["Warehouse:Providers:Teradata:Factory"] = "Teradata.Client.Provider.TdFactory",
        };

        var providers = WarehouseProviders.Resolve(settings.GetValueOrDefault);

        Assert.Equal(new WarehouseProvider(WarehouseKind.Teradata, "/opt/teradata/Teradata.Client.Provider.dll", "Teradata.Client.Provider.TdFactory"),
            providers.For(WarehouseKind.Teradata));
        Assert.Null(providers.For(WarehouseKind.SqlServer));
    }

    [Fact]
    public async Task A_missing_provider_file_is_named_with_its_setting_and_the_connection()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}", "Teradata.Client.Provider.dll");

        var error = await OpenFailsAsync(missing, "Teradata.Client.Provider.TdFactory");

        Assert.Contains("The warehouse connection 'edw' (Teradata) cannot load its ADO.NET provider", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the file '{missing}' set in Warehouse:Providers:Teradata:Assembly does not exist", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_missing_from_the_dll_is_named_with_its_setting()
    {
        var error = await OpenFailsAsync(typeof(Cronos.CronExpression).Assembly.Location, "Cronos.TdFactory");

        Assert.Contains("has no type 'Cronos.TdFactory' (set in Warehouse:Providers:Teradata:Factory)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_that_is_no_ado_net_provider_is_refused()
    {
        var error = await OpenFailsAsync(typeof(Cronos.CronExpression).Assembly.Location, "Cronos.CronExpression");

        Assert.Contains("'Cronos.CronExpression' (set in Warehouse:Providers:Teradata:Factory) is not an ADO.NET provider", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("connection 'edw'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_a_setting_says_both_are_needed()
    {
        var connector = Connector(new Dictionary<string, string> { ["Warehouse:Providers:Teradata:Factory"] = "Teradata.Client.Provider.TdFactory" });

        var error = await Assert.ThrowsAsync<WarehouseException>(() => connector.OpenAsync(Edw, Ct));

        Assert.Contains("set both Warehouse:Providers:Teradata:Assembly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_provider_dll_is_loaded_and_used_for_its_kind()
    {
        // Npgsql stands in for Teradata's provider: loaded from its file into a context of its own, it must connect.
        var connectionString = await (await postgres.GetClusterAsync()).CreateDatabaseAsync($"provider_{Guid.NewGuid():N}", Ct);
        var connector = Connector(Settings(typeof(NpgsqlFactory).Assembly.Location, "Npgsql.NpgsqlFactory"));

        Type loaded;
        await using (var session = await connector.OpenAsync(Edw with { ConnectionString = connectionString }, Ct))
        {
            loaded = session.Connection.GetType();
            Assert.Equal(1, Convert.ToInt32(await session.ScalarAsync(RenderedSql.Plain("SELECT 1"), Ct), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("Npgsql.NpgsqlConnection", session.Connection.GetType().FullName);
            Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(session.Connection.GetType().Assembly));
            Assert.IsType<TeradataDialect>(session.Dialect);
        }

        // The loaded copy keeps its own pool: close its idle connection too.
        loaded.GetMethod(nameof(NpgsqlConnection.ClearAllPools))!.Invoke(null, null);
    }

    private static async Task<WarehouseException> OpenFailsAsync(string assembly, string factory) =>
        await Assert.ThrowsAsync<WarehouseException>(() => Connector(Settings(assembly, factory)).OpenAsync(Edw, Ct));

    private static Dictionary<string, string> Settings(string assembly, string factory) => new()
    {
        ["Warehouse:Providers:Teradata:Assembly"] = assembly,
        ["Warehouse:Providers:Teradata:Factory"] = factory,
    };

    private static WarehouseConnector Connector(Dictionary<string, string> settings) =>
        new(NullLogger<WarehouseConnector>.Instance, WarehouseProviders.Resolve(settings.GetValueOrDefault));
}
