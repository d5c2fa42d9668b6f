using System.Collections.Concurrent;

namespace ScoreCockpit.Tests.Shared;

/// <summary>
/// Data folders prepared once per test run (a demo installed, versions trained) for tests that each start from a copy
/// (<see cref="FolderCopy"/>): the preparation takes seconds, the copy milliseconds, and every test owns what it
/// changes. A template lives until the test process ends.
/// </summary>
public static class FolderTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Folders = new();

    /// <summary>The template named <paramref name="name"/>; on first use <paramref name="fill"/> prepares it in an empty folder.</summary>
    public static Task<string> GetAsync(string name, Func<string, Task> fill) =>
        Folders.GetOrAdd(name, _ => new Lazy<Task<string>>(() => BuildAsync(fill))).Value;

    private static async Task<string> BuildAsync(Func<string, Task> fill)
    {
        var path = Directory.CreateTempSubdirectory("scorecockpit-template-").FullName;
        try
        {
            await fill(path);
        }
        catch
        {
            Delete(path);
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(path);
        return path;
    }

    private static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp area are harmless.
        }
    }
}
