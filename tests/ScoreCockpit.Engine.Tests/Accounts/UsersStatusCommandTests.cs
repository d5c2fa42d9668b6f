using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Tests.Cli;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Accounts;

/// <summary>`scorecockpit users disable|enable|unlock EMAIL` on a real SQLite store.</summary>
public sealed class UsersStatusCommandTests : IDisposable
{
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Disable_enable_and_unlock_say_what_they_did_and_the_list_shows_it()
    {
        await sandbox.RunAsync("Correct-Horse-42", "users", "add", "--email", "ada@example.com", "--role", "Admin");
        await sandbox.RunAsync("Correct-Horse-42", "users", "add", "--email", "zoe@example.com", "--role", "Viewer");

        var disabled = await sandbox.RunAsync("", "users", "disable", "zoe@example.com");
        Assert.Equal((ExitCodes.Ok, "Disabled zoe@example.com: it cannot sign in, and its open sessions end within a minute."),
            (disabled.ExitCode, disabled.Output.Trim()));
        Assert.Matches(@"zoe@example\.com\s+Viewer\s+\S+ \S+  disabled since \d{4}-\d{2}-\d{2} \d{2}:\d{2}",
            (await sandbox.RunAsync("", "users", "list")).Output);

        var lastAdmin = await sandbox.RunAsync("", "users", "disable", "ada@example.com");
        Assert.Equal(ExitCodes.BadInput, lastAdmin.ExitCode);
        Assert.Contains("ada@example.com is the last enabled Admin", lastAdmin.Error, StringComparison.Ordinal);

        Assert.Equal("Enabled zoe@example.com: it can sign in again.", (await sandbox.RunAsync("", "users", "enable", "zoe@example.com")).Output.Trim());
        Assert.DoesNotContain("disabled since", (await sandbox.RunAsync("", "users", "list")).Output, StringComparison.Ordinal);
        Assert.Equal("Unlocked zoe@example.com: it can sign in now.", (await sandbox.RunAsync("", "users", "unlock", "zoe@example.com")).Output.Trim());

        var unknown = await sandbox.RunAsync("", "users", "disable", "nobody@example.com");
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("No user has the email 'nobody@example.com'.", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_password_gives_a_new_password_from_piped_input_and_refuses_a_weak_one()
    {
        await sandbox.RunAsync("Correct-Horse-42", "users", "add", "--email", "zoe@example.com", "--role", "Viewer");

        var set = await sandbox.RunAsync("Another-Horse-43\n", "users", "set-password", "zoe@example.com");
        Assert.Equal(ExitCodes.Ok, set.ExitCode);
        Assert.StartsWith("New password set for zoe@example.com: its open sessions end within a minute.", set.Output.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("Another-Horse-43", set.Output + set.Error, StringComparison.Ordinal);
        Assert.True(await PasswordWorksAsync("zoe@example.com", "Another-Horse-43"));

        var weak = await sandbox.RunAsync("short\n", "users", "set-password", "zoe@example.com");
        Assert.Equal(ExitCodes.BadInput, weak.ExitCode);
        Assert.Contains("at least", weak.Error, StringComparison.Ordinal);
        Assert.True(await PasswordWorksAsync("zoe@example.com", "Another-Horse-43"));
    }

    /// <summary>Checks a password against the sandbox's store, as the portal's sign-in would.</summary>
    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        var data = new ScoreCockpit.Engine.Storage.DataFolder(sandbox.DataPath);
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddLogging();
        var store = ScoreCockpit.Engine.Storage.StoreSettings.Resolve(null, null, data);
        services.AddScoreCockpitEngine(data, store);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ScoreCockpit.Engine.Accounts.CockpitUser>>();
        var user = await users.FindByEmailAsync(email);
        var works = user is not null && await users.CheckPasswordAsync(user, password);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(store.ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        return works;
    }
}
