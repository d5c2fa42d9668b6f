using System.Collections.Concurrent;
using System.Diagnostics;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>A program the load run starts (the portal, the CLI, a build), its output kept for the report of a failure.</summary>
public static class ChildProcess
{
    public static ProcessStartInfo Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The children's console output is read by this program, not a person: no colours, no first-run banner.
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>Runs to the end; <paramref name="input"/> is written to standard input first (a password).</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(ProcessStartInfo start, string? input = null, CancellationToken ct = default)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // The run is over: a retrain still going is stopped rather than waited for.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Keeps a running process's lines (both streams) and lets a caller wait for one of them.</summary>
    public sealed class Lines
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public event Action<string>? Added;

        public void Attach(Process process)
        {
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Tail(int count) => string.Join('\n', _lines.TakeLast(count));

        public bool Any(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            _lines.Enqueue(line);
            while (_lines.Count > 2000 && _lines.TryDequeue(out _))
            {
            }

            Added?.Invoke(line);
        }
    }
}
