using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>
/// The demo installed once per test run and size (<see cref="FolderTemplates"/>), for journeys to copy before their
/// portal starts. It is installed by the engine as the portal wires it, on the same clock and zone, so a copy is exactly
/// what the portal's own install would have left.
/// </summary>
public static class DemoTemplate
{
    public static Task<string> GetAsync(int customers) =>
        FolderTemplates.GetAsync($"demo of {customers}", path => InstallAsync(path, customers));

    private static async Task InstallAsync(string path, int customers)
    {
        var data = new DataFolder(path);
        var store = StoreSettings.Resolve(null, null, data);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoreCockpitEngine(data, store);
        await using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }))
        {
            await provider.PrepareCockpitStoreAsync();
            await provider.GetRequiredService<DemoInstaller>().InstallAsync(customers);
        }

        // Every connection closed, so the files copied are complete.
        using var connection = new SqliteConnection(store.ConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}
