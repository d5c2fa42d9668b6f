using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;

namespace ScoreCockpit.Cli.Evaluation;

/// <summary>`scorecockpit evaluate SCORE [--date DATE] [--recompute] [--execution in-process|in-warehouse]`: every version on every labelled date, incrementally.</summary>
public static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose versions to evaluate." };
        var date = new Option<DateOnly?>("--date")
        {
            Description = "Evaluate on this reference date only (yyyy-MM-dd); its labels must be known. Default: every labelled date.",
            HelpName = "DATE",
        };
        var recompute = new Option<bool>("--recompute") { Description = "Compute again the evaluations already stored (for those dates)." };
        var execution = PushDown.ExecutionOption.Create("Where to score the versions and compute their metrics");
        var executor = new Units.ExecutorOptions();
        var command = new Command("evaluate",
            "Evaluate every version and challenger of a score on its labelled snapshots. Only missing (version, date) pairs are computed. " +
            "With an executor other than in-process, each date is a unit of its own, and units run side by side.")
        { score, date, recompute, execution };
        executor.AddTo(command);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            var choice = executor.Read(parse, host.Get<Engine.Units.UnitDispatcher>());
            var summary = await host.Get<Engine.Units.EvaluationUnits>().HandleAsync(
                new EvaluateAllVersions(name, parse.GetValue(date), parse.GetValue(recompute), Execution: PushDown.ExecutionOption.Read(parse, execution)),
                Actor.System, choice, line => context.Console.Error.WriteLine(line), ct: ct);
            await context.Console.Out.WriteLineAsync(
                $"Evaluated {name}: {summary.Computed} new evaluation(s) over {summary.Dates.Count} labelled date(s), " +
                $"{summary.Failed} failed, {summary.AlreadyDone} already stored" +
                $"{(summary.PurgedVersions > 0 ? $", {summary.PurgedVersions} purged version(s) kept as they were" : "")} " +
                $"({summary.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s).");
            if (summary.Execution is not null)
            {
                await context.Console.Out.WriteLineAsync($"Executed {summary.Execution}.");
            }
            if (summary.Dates.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("No snapshot has known labels yet: nothing to evaluate.");
                return;
            }

            var latest = await host.Get<PerformanceQueries>().OnDateAsync(name, parse.GetValue(date) ?? summary.Dates[^1], ct);
            await context.Console.Out.WriteLineAsync($"On {summary.Dates[^1]:yyyy-MM-dd}:");
            await TextTable.WriteAsync(context.Console.Out, ["VERSION", "AS OF", "AUC", "95 % CI", "LIFT@10", "NOTE"],
                latest.Select(Row).ToList());
        });
        return command;
    }

    private static string[] Row(EvaluationView view)
    {
        var e = view.Evaluation;
        var lift10 = view.Cutoffs.FirstOrDefault(c => c.Percent == 10m)?.Lift;
        var note = e.Failure ?? (e.InSample ? "in-sample" : "") + (e.WarningsJson != "[]" ? " warnings" : "");
        return
        [
            $"v{view.Version}{(view.ChallengerName is null ? "" : $" ({view.ChallengerName})")}",
            view.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Format(e.Auc, "0.000"),
            e.AucLower is null ? "-" : $"{Format(e.AucLower, "0.000")}–{Format(e.AucUpper, "0.000")}",
            Format(lift10, "0.00"),
            note.Trim(),
        ];
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
