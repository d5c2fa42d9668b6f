using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Cli.PushDown;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Cli.Scoring;

/// <summary>`scorecockpit score SCORE [--date DATE] [--execution in-process|in-warehouse]`: the active version scores a snapshot into the output table.</summary>
public static class ScoreCommand
{
    private const int TopFeatures = 5;

    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose customers to score." };
        var date = new Option<DateOnly?>("--date")
        {
            Description = "Score the snapshot of this reference date (yyyy-MM-dd). Default: the latest snapshot.",
            HelpName = "DATE",
        };
        var execution = ExecutionOption.Create("Where to score");
        var command = new Command("score",
            "Score a snapshot's customers with the score's active version: score, rank, decile and percentile go to the output " +
            "table, replacing that date's rows only and all at once. Prints the distribution and its drift.")
        { score, date, execution };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);

            // Progress goes to standard error so that standard output stays the summary alone (and a watcher can follow the stages).
            var progress = new Engine.InlineProgress<string>(line => context.Console.Error.WriteLine(line));
            var run = await host.Get<RunScoringHandler>().HandleAsync(new RunScoring(name, parse.GetValue(date), ExecutionOption.Read(parse, execution)), Actor.System, progress, ct);
            var view = (await host.Get<ListScoringRunsHandler>().HandleAsync(name, ct: ct)).Single(r => r.Id == run.Id);
            var thresholds = (await host.Get<GetScoreHandler>().HandleAsync(name, ct)).Definition.Drift;
            await WriteSummaryAsync(context.Console.Out, name, view, thresholds);
        });
        return command;
    }

    private static async Task WriteSummaryAsync(TextWriter output, string name, ScoringRunView run, DriftThresholds thresholds)
    {
        await output.WriteLineAsync(
            $"Scored {name} on {run.ReferenceDate:yyyy-MM-dd} with v{run.VersionNumber}: {Format(run.Rows, "N0")} rows into {run.OutputTable}, " +
            $"mean score {Format(run.Mean, "0.0000")} ({Format(run.DurationMs / 1000.0, "0.0")} s).");
        if (run.Execution is not null)
        {
            await output.WriteLineAsync($"Executed {run.Execution}: {run.ExecutionReason}.");
        }

        var limits = $"warning at {Format(thresholds.Warning, "0.##")}, alert at {Format(thresholds.Alert, "0.##")}";
        await output.WriteLineAsync(run.ScorePsi is null
            ? "Score PSI vs the previous run: none (first run of this score)."
            : $"Score PSI vs the previous run: {Format(run.ScorePsi, "0.0000")} ({run.ScoreDriftLevel}; {limits}).");
        if (run.FeatureDrift.Count > 0)
        {
            await output.WriteLineAsync($"Most drifting features against v{run.VersionNumber}'s training data ({limits}):");
            await TextTable.WriteAsync(output, ["FEATURE", "PSI", "LEVEL"], run.FeatureDrift.Take(TopFeatures)
                .Select(f => new[] { f.Column, Format(f.Psi, "0.0000"), thresholds.Level(f.Psi) }).ToList());
        }

        if (run.Warnings.Count > 0)
        {
            await output.WriteLineAsync($"Warnings ({run.Warnings.Count}):");
            foreach (var warning in run.Warnings)
            {
                await output.WriteLineAsync($"  - {warning}");
            }
        }
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
