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
}
