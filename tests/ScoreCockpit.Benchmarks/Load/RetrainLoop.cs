using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>
/// The demo's monthly retrain scenario (train the version and its challengers, evaluate every version, export the
/// report), started again through the CLI each time it finishes, one demo score after the other. Before each run the
/// score's definition is saved again unchanged: otherwise the engine sees no new data since the demo's last version
/// and reuses it, and the "retrain" would train nothing.
/// </summary>
public sealed class RetrainLoop(PortalProcess portal, IReadOnlyList<string> scores, TextWriter log)
{
    private readonly List<double> _seconds = [];
    private readonly List<string> _failures = [];

    public int Completed => _seconds.Count;

    public IReadOnlyList<double> Seconds => _seconds;

    public IReadOnlyList<string> Failures => _failures;

    public async Task RunAsync(CancellationToken stop)
    {
        var definition = Path.Combine(portal.Data, "load-retrain-score.json");
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var score = scores[i % scores.Count];
            var clock = Stopwatch.StartNew();
            try
            {
                // An edit, however small, tells the engine the training inputs changed, so the retrain really trains
                // instead of reusing the version it would only repeat ("no new data"): that training is the load wanted.
                var shown = JsonNode.Parse(await Checked(["scores", "show", score], stop))!.AsObject();
                var description = shown["description"]?.GetValue<string>() ?? "";
                shown["description"] = Regex.Replace(description, @" \(load retrain \d+\)$", "") + $" (load retrain {i})";
                await File.WriteAllTextAsync(definition, shown.ToJsonString(), CancellationToken.None);
                await Checked(["scores", "save", definition, "--replace"], stop);
                var run = await Checked(["scenario", "run", $"{score}-retrain"], stop);
                _seconds.Add(clock.Elapsed.TotalSeconds);
                await log.WriteLineAsync($"  retrain {score} done in {clock.Elapsed.TotalSeconds:0} s: {run.Split('\n')[0]}");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The run is over: the retrain in progress was stopped and is not counted.
                return;
            }
            catch (InvalidOperationException e)
            {
                _failures.Add(e.Message);
                await log.WriteLineAsync($"  retrain {score} FAILED: {e.Message}");
            }
        }
    }

    private async Task<string> Checked(string[] args, CancellationToken stop)
    {
        var (exit, output, error) = await portal.CliAsync(args, ct: stop);
        return exit == 0
            ? output
            : throw new InvalidOperationException($"scorecockpit {string.Join(' ', args)} exited {exit}: {error.Trim()} {output.Trim()}".Trim());
    }
}
