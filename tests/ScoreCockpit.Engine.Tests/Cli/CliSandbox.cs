using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Cli;
using ScoreCockpit.Engine.Storage;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>
/// A temporary folder and a fixed environment (nothing from the machine leaks in) in which the
/// command line runs in-process, with standard input given as a string.
/// </summary>
public sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Root = Directory.CreateTempSubdirectory("scorecockpit-cli-").FullName;
    }

    public string Root { get; }

    public string DataPath => Path.Combine(Root, "data");

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Runs `scorecockpit --data {DataPath} {args}` with <paramref name="stdin"/> piped.</summary>
    public Task<CliResult> RunAsync(string stdin, params string[] args) =>
        RunRawAsync(new StringReader(stdin), ["--data", DataPath, .. args]);

    public async Task<CliResult> RunRawAsync(TextReader stdin, string[] args, Func<ConsoleKeyInfo>? keyboard = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(stdin, output, error)
        {
            GetEnvironmentVariable = name => Environment.GetValueOrDefault(name),
            IsInputRedirected = keyboard is null,
            ReadKey = keyboard ?? (() => throw new InvalidOperationException("The test gave no keyboard.")),
        };
        var code = await ScoreCockpitCli.RunAsync(args, console, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The user's roles as stored in the SQLite cockpit store of the data folder, or null when absent.</summary>
    public async Task<List<string>?> StoredRolesAsync(string email)
    {
        var store = StoreSettings.Resolve(null, null, new DataFolder(DataPath));
        var ct = TestContext.Current.CancellationToken;
        await using var db = StoreOptions.CreateContext(store);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);
        var roles = user is null
            ? null
            : await (from link in db.UserRoles
                     join role in db.Roles on link.RoleId equals role.Id
                     where link.UserId == user.Id
                     orderby role.Name
                     select role.Name!).ToListAsync(ct);
        using var connection = new SqliteConnection(store.ConnectionString);
        SqliteConnection.ClearPool(connection);
        return roles;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing clean-up must not hide the test's result.
        }
    }
}
