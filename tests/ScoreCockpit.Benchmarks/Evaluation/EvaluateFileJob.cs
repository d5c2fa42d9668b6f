using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ScoreCockpit.Benchmarks.Evaluation;

/// <summary>
/// Whole job, timed once in its own process: `scorecockpit evaluate-file` (the Release build) against the same metric
/// set computed by metrics_sklearn.py (pandas read_csv + scikit-learn + numpy) on one 10M-row label,score CSV.
/// Each run prints a line starting with "// metrics-bench": wall time and peak resident memory of the whole
/// process (GNU time's %M). The second tool to run also compares every value with the first's and prints the largest
/// difference. Run with:
/// dotnet build -c Release src/ScoreCockpit.Cli &amp;&amp; dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*EvaluateFileJob*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class EvaluateFileJob
{
    private string _csv = "";
    private string _root = "";

    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void CreateFile()
    {
        _root = PredictionCsv.RepositoryRoot();
        _csv = PredictionCsv.Ensure(Rows);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> ScoreCockpitEvaluateFileAsync()
    {
        var cli = Path.Combine(_root, "src", "ScoreCockpit.Cli", "bin", "Release", "net10.0", "scorecockpit.dll");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"Build the CLI first: dotnet build -c Release src/ScoreCockpit.Cli ({cli} is missing).");
        }

        return Report("scorecockpit", await TimedProcess.RunAsync("dotnet", cli, "evaluate-file", _csv, "--label", "label", "--score", "score"));
    }

    [Benchmark]
    public async Task<long> ScikitLearnAsync()
    {
        var script = Path.Combine(_root, "tests", "ScoreCockpit.Benchmarks", "Evaluation", "metrics_sklearn.py");
        return Report("sklearn", await TimedProcess.RunAsync("/usr/bin/python3", script, _csv));
    }

    private long Report(string tool, TimedProcess run)
    {
        var output = Path.Combine(PredictionCsv.Folder, $"{tool}-{Rows}.json");
        File.WriteAllText(output, run.Output);
        Console.WriteLine(
            $"// metrics-bench tool={tool} rows={Rows} wall={run.Wall.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}s " +
            $"peakRss={run.PeakRssKilobytes / 1024}MB");
        var other = Path.Combine(PredictionCsv.Folder, $"{(tool == "sklearn" ? "scorecockpit" : "sklearn")}-{Rows}.json");
        if (File.Exists(other))
        {
            Console.WriteLine($"// metrics-bench agreement rows={Rows} maxAbsDifference={LargestDifference(run.Output, File.ReadAllText(other)):R}");
        }

        return run.PeakRssKilobytes;
    }

    /// <summary>The largest absolute difference over every number of both outputs, deciles included; a missing key fails.</summary>
    public static double LargestDifference(string a, string b)
    {
        using var left = JsonDocument.Parse(a);
        using var right = JsonDocument.Parse(b);
        return Compare(left.RootElement, right.RootElement, "");
    }

    private static double Compare(JsonElement a, JsonElement b, string where) => a.ValueKind switch
    {
        JsonValueKind.Object => a.EnumerateObject().Select(p => b.TryGetProperty(p.Name, out var q)
            ? Compare(p.Value, q, $"{where}.{p.Name}")
            : throw new InvalidOperationException($"{where}.{p.Name} is missing from one output.")).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => a.EnumerateArray().Zip(b.EnumerateArray()).Select((p, i) => Compare(p.First, p.Second, $"{where}[{i}]")).DefaultIfEmpty(0).Max(),
        JsonValueKind.Number => Math.Abs(a.GetDouble() - b.GetDouble()),
        JsonValueKind.Null when b.ValueKind == JsonValueKind.Null => 0,
        JsonValueKind.String => 0,
        _ => throw new InvalidOperationException($"{where}: {a} against {b}."),
    };
}
