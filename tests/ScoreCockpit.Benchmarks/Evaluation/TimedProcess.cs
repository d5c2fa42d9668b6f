using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ScoreCockpit.Benchmarks.Evaluation;

/// <summary>A whole process under GNU time: its wall time, CPU time and peak resident memory, which covers native and managed heaps alike.</summary>
public sealed record TimedProcess(TimeSpan Wall, long PeakRssKilobytes, string Output)
{
    /// <summary>User plus system CPU seconds.</summary>
    public double CpuSeconds { get; init; }

    public static async Task<TimedProcess> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-f", "timed %e %M %U %S", program }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {error}");
        }

        var timed = error.Split('\n').Last(l => l.StartsWith("timed ", StringComparison.Ordinal)).Split(' ');
        return new TimedProcess(wall, long.Parse(timed[2], CultureInfo.InvariantCulture), await output)
        {
            CpuSeconds = double.Parse(timed[3], CultureInfo.InvariantCulture) + double.Parse(timed[4], CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>The benchmark's input: a label,score CSV written once per size and reused by every run.</summary>
public static class PredictionCsv
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "scorecockpit-metrics-bench");

    public static string Ensure(int rows)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"predictions-{rows}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        var random = new Random(42);
        var partial = path + ".partial";
        using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(false), bufferSize: 1 << 20))
        {
            writer.Write("label,score\n");
            for (var i = 0; i < rows; i++)
            {
                var label = random.NextDouble() < 0.1;
                // A logistic model's output rounded to six digits: realistic, with ties at a 10M scale.
                var z = (NormalSample(random) + (label ? 1.5 : 0)) - 2.5;
                var score = Math.Round(1 / (1 + Math.Exp(-z)), 6);
                writer.Write(label ? "1," : "0,");
                writer.Write(score.ToString("0.######", CultureInfo.InvariantCulture));
                writer.Write('\n');
            }
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>The repository root, found from the benchmark binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ScoreCockpit.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository: ScoreCockpit.sln was not found.");
    }

    private static double NormalSample(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
