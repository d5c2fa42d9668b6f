using System.Diagnostics;
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

    private static async Task<CliResult> RunProcessAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "SCORECOCKPIT_DATA", "Store__Provider", "Store__ConnectionString" })
        {
            start.Environment.Remove(name);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>The `dotnet` that runs these tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// The CLI as built: the project reference copies scorecockpit.dll with its own runtimeconfig and deps
    /// files next to the tests, so `dotnet scorecockpit.dll` runs exactly as it does from src/ScoreCockpit.Cli/bin.
    /// </summary>
    private static string CliAssembly()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "scorecockpit.dll");
        var config = Path.ChangeExtension(dll, ".runtimeconfig.json");
        return File.Exists(dll) && File.Exists(config)
            ? dll
            : throw new FileNotFoundException("scorecockpit.dll and its runtimeconfig.json should be copied next to the tests.", dll);
    }
}
