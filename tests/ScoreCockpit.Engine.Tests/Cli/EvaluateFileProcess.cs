using System.Diagnostics;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>`dotnet scorecockpit.dll evaluate-file FILE --label label --score score` as a real process, with no data folder configured.</summary>
public static class EvaluateFileProcess
{
    public static async Task<CliResult> RunAsync(string csv, string workingDirectory)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "scorecockpit.dll"), "evaluate-file", csv, "--label", "label", "--score", "score" })
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
}
