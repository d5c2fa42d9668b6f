using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Settings;

namespace ScoreCockpit.Engine.Demo;

/// <summary>
/// The demo's past: every monthly version of each demo score since its data allows one, their evaluations, and the
/// activations a careful analyst would have made, replayed as the system with the comment "demo history".
/// Scores run side by side, one per core.
/// </summary>
public sealed class DemoHistory(BackfillHandler backfill, DemoScenarios scenarios, CockpitClock clock, ILogger<DemoHistory> logger)
{
    public const string ActivationComment = "demo history";

    public Task<TimeSpan> BuildAsync(IProgress<DemoProgress>? progress = null, CancellationToken ct = default) =>
        BuildAsync(DemoOptions.DefaultMonths, progress, ct);

    /// <param name="months">The months the demo was installed with: the history starts with its first.</param>
    public async Task<TimeSpan> BuildAsync(int months, IProgress<DemoProgress>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var options = DemoOptions.ForToday(clock) with { Months = months };
        var from = options.ReferenceDate(1).AddDays(1);
        var to = clock.Today;
        var steps = Enumerable.Range(0, int.MaxValue).Select(from.AddMonths).TakeWhile(d => d <= to).Count();
        var total = (steps + 1) * DemoScores.All.Count;
        var done = new Dictionary<string, int>(StringComparer.Ordinal);
        var gate = new Lock();
        var report = new InlineProgress<BackfillProgress>(p =>
        {
            lock (gate)
            {
                done[p.Score] = p.Done;
                progress?.Report(new DemoProgress($"History: {p.Stage}", done.Values.Sum(), total));
            }
        });

        await scenarios.SaveAsync(ct);
        var summaries = new List<BackfillSummary>();
        // The two big scores first, side by side; the small one fills the core that frees up first.
        var bySize = DemoScores.All.OrderBy(s => s.Name == DemoScores.Renewal.Name).ToList();
        await Parallel.ForEachAsync(bySize, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (score, token) =>
            {
                var summary = await backfill.HandleAsync(new Backfill(score.Name, from, to, ActivationComment), Actor.System, report, token);
                report.Report(new BackfillProgress(score.Name, steps, steps + 1, $"{score.Name}: replaying a year of scenario runs"));
                await scenarios.ReplayAsync(score.Name, options, token);
                lock (gate)
                {
                    done[score.Name] = steps + 1;
                    summaries.Add(summary);
                }
            });

        progress?.Report(new DemoProgress("Demo history ready", total, total, Finished: true));
        logger.LogInformation("Demo history built in {Seconds:0.0} s: {Versions} versions, {Evaluations} evaluations, {Activations} activations",
            watch.Elapsed.TotalSeconds, summaries.Sum(s => s.Trained + s.Challengers), summaries.Sum(s => s.Evaluations), summaries.Sum(s => s.Activations));
        return watch.Elapsed;
    }
}
