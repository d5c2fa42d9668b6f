using ScoreCockpit.Cli.Hosting;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

public sealed class UsersListCommandTests : IDisposable
{
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task An_empty_store_says_how_to_add_the_first_user()
    {
        var result = await sandbox.RunAsync("", "users", "list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("No users yet", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_every_user_with_roles_as_a_table()
    {
        await sandbox.RunAsync("Correct-Horse-42", "users", "add", "--email", "zoe@example.com", "--role", "Viewer");
        await sandbox.RunAsync("Correct-Horse-42", "users", "add", "--email", "ada@example.com", "--role", "Admin", "--role", "Analyst");

        var result = await sandbox.RunAsync("", "users", "list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("EMAIL", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^ada@example\.com\s+Admin, Analyst\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", lines[1]);
        Assert.Matches(@"^zoe@example\.com\s+Viewer\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", lines[2]);
    }
}
