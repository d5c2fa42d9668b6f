using System.Diagnostics;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>
/// The built `scorecockpit.dll` as a real process, as cron or a container job would run it: the `dotnet` that runs
/// these tests, no data folder or store taken from the environment, output captured, killed if it overstays.
/// </summary>
public static class CliProcess
{
    /// <param name="shortLeases">Runs renew their lease every second for 4 s (instead of 30 s for 2 min), so a test that kills
    /// a run sees it interrupted within seconds.</param>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? workingDirectory = null, bool withInput = false, bool shortLeases = false)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = withInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add(CliAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "SCORECOCKPIT_DATA", "Store__Provider", "Store__ConnectionString", "Runs__LeaseRenewalSeconds", "Runs__LeaseExpirySeconds", "Runs__Host" })
        {
            start.Environment.Remove(name);
        }

        if (shortLeases)
        {
            (start.Environment["Runs__LeaseRenewalSeconds"], start.Environment["Runs__LeaseExpirySeconds"]) = ("1", "4");
        }

        return start;
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, string? stdin = null, string? workingDirectory = null, bool shortLeases = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        using var process = Process.Start(StartInfo(args, workingDirectory, stdin is not null, shortLeases))
            ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

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
