using System.Diagnostics;
using System.Globalization;

namespace ScoreCockpit.Benchmarks.PushDown;

/// <summary>
/// The command line's <c>score</c> run as its own process, as an operator would run it: its wall time, CPU time and peak
/// resident memory (VmHWM, read from /proc until it exits). This is the memory a scoring host needs for the run,
/// free of the benchmark runner's own.
/// </summary>
/// <param name="PeakMb">Peak resident memory, code and data of the runtime and its libraries included.</param>
/// <param name="PeakAnonMb">Peak of the anonymous part: the heaps and stacks the run allocated, without mapped files.</param>
public sealed record CliRun(double Seconds, double Cpu, double PeakMb, double PeakAnonMb, string Output)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"time={Seconds:0.00}s cpu={Cpu:0.00}s peakRss={PeakMb:0}MB peakAnon={PeakAnonMb:0}MB");

    /// <summary>Builds the command line (Release) into <paramref name="folder"/>/cli once; returns its dll.</summary>
    public static async Task<string> BuildAsync(string folder)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ScoreCockpit.sln")))
        {
            root = root.Parent;
        }

        var project = Path.Combine(root?.FullName ?? throw new InvalidOperationException("The repository holding ScoreCockpit.sln was not found."),
            "src", "ScoreCockpit.Cli");
        var output = Path.Combine(folder, "cli");
        var (code, text) = await RunAsync("dotnet", ["build", project, "-c", "Release", "-v", "q", "-o", output], null);
        return code == 0 ? Path.Combine(output, "scorecockpit.dll") : throw new InvalidOperationException($"Building the command line failed:\n{text}");
    }

    public static async Task<CliRun> OfAsync(string cli, IReadOnlyList<string> arguments)
    {
        var (peak, anon) = (0L, 0L);
        var ticks = 0L;
        var clock = Stopwatch.StartNew();
        var (code, text) = await RunAsync("dotnet", [cli, .. arguments], pid =>
        {
            // VmHWM only grows: the last reading before the process ends is its peak, to within one interval.
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        peak = Math.Max(peak, Kilobytes(line));
                    }
                    else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    {
                        anon = Math.Max(anon, Kilobytes(line));
                    }
                }

                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Gone between two readings.
            }
        });
        return code == 0
            ? new CliRun(clock.Elapsed.TotalSeconds, ticks / 100.0, peak / 1024.0, anon / 1024.0, text)
            : throw new InvalidOperationException($"scorecockpit {string.Join(' ', arguments)} failed ({code}):\n{text}");
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments, Action<int>? sample)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        while (!process.HasExited)
        {
            sample?.Invoke(process.Id);
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(100));
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
