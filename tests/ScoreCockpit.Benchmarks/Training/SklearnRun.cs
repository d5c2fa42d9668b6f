using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoreCockpit.Benchmarks.Training;

/// <summary>What train_sklearn.py prints: seconds per phase, validation AUC, peak resident set of the Python process.</summary>
public sealed record SklearnResult(
    [property: JsonPropertyName("sklearn")] string Version,
    [property: JsonPropertyName("threads")] string Threads,
    [property: JsonPropertyName("train_rows")] long TrainRows,
    [property: JsonPropertyName("features")] int Features,
    [property: JsonPropertyName("load_seconds")] double LoadSeconds,
    [property: JsonPropertyName("fit_seconds")] double FitSeconds,
    [property: JsonPropertyName("predict_seconds")] double PredictSeconds,
    [property: JsonPropertyName("total_seconds")] double TotalSeconds,
    [property: JsonPropertyName("cpu_seconds")] double CpuSeconds,
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("peak_mb")] double PeakMegabytes);

/// <summary>Runs train_sklearn.py with Debian's Python (the pyenv one on PATH has no scikit-learn) as a child process.</summary>
public static class SklearnRun
{
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// One run on the CSV exports. <paramref name="threads"/> null leaves OpenMP its default (every core);
    /// 1 matches the engine, whose trainers run on one thread for reproducibility.
    /// </summary>
    public static async Task<SklearnResult> RunAsync(string trainCsv, string validCsv, int? threads, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath());
        start.ArgumentList.Add(trainCsv);
        start.ArgumentList.Add(validCsv);
        if (threads is { } n)
        {
            start.Environment["OMP_NUM_THREADS"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"train_sklearn.py failed ({process.ExitCode}); is python3-sklearn installed (apt-get install -y python3-sklearn python3-pandas)?\n{await errors}");
        }

        var json = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonSerializer.Deserialize<SklearnResult>(json) ?? throw new InvalidOperationException($"train_sklearn.py printed no result: {json}");
    }

    // The script is found next to this source file: BenchmarkDotNet runs the job from a generated project elsewhere.
    private static string ScriptPath([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "train_sklearn.py");
}
