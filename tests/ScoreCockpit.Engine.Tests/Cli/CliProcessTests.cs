using ScoreCockpit.Cli.Hosting;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>The built `scorecockpit.dll` run as a real process, as cron or a container job would run it.</summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Adds_a_user_with_the_password_piped_to_the_process()
    {
        var result = await RunProcessAsync(
            "Correct-Horse-42\n", "users", "add", "--data", sandbox.DataPath, "--email", "ops@example.com", "--role", "Admin");

        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}: {result.Error}");
        Assert.Equal("Added ops@example.com with roles: Admin", result.Output.Trim());
        Assert.Equal(["Admin"], await sandbox.StoredRolesAsync("ops@example.com"));
    }

    [Fact]
    public async Task A_refused_request_exits_2_with_one_line_and_no_stack_trace()
    {
        var result = await RunProcessAsync(
            "weak\n", "--data", sandbox.DataPath, "users", "add", "--email", "ops@example.com", "--role", "Admin");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    private static Task<CliResult> RunProcessAsync(string stdin, params string[] args) => CliProcess.RunAsync(args, stdin);
}
