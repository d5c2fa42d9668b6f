using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>
/// The demo installed once per test run and size, in a data folder of its own that journeys copy before their portal
/// starts. It is installed by the engine as the portal wires it, on the same clock and zone, so a copy is exactly what
/// the portal's own install would have left.
/// </summary>
public static class DemoTemplate
{
    private static readonly ConcurrentDictionary<int, Lazy<Task<string>>> Folders = new();

    public static Task<string> GetAsync(int customers) =>
        Folders.GetOrAdd(customers, size => new Lazy<Task<string>>(() => InstallAsync(size))).Value;

    private static async Task<string> InstallAsync(int customers)
    {
        var path = Path.Combine(Path.GetTempPath(), "scorecockpit-tests", $"demo-template-{customers}-{Guid.NewGuid():N}");
        var data = new DataFolder(path);
        data.EnsureWritable();
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
        using (var connection = new SqliteConnection(store.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // Leftovers in the temp area are harmless.
            }
        };
        return path;
    }
}
