using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;

namespace ScoreCockpit.Cli.Registry;

/// <summary>`scorecockpit backfill SCORE --from DATE --to DATE [--replay-activations COMMENT]`.</summary>
public static class BackfillCommand
{
    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose history to produce." };
        var from = new Option<DateOnly>("--from") { Description = "The first as-of date (yyyy-MM-dd).", HelpName = "DATE", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "The last as-of date (yyyy-MM-dd), today at the latest.", HelpName = "DATE", Required = true };
        var replay = new Option<string?>("--replay-activations")
        {
            Description = "Also replay the activations a careful analyst would have made (clearly better AUC, or a six-month refresh), " +
                "each with this comment in front of its reason. Without it nothing is activated.",
            HelpName = "COMMENT",
        };
        var command = new Command("backfill",
            "Produce the versions (and challengers) a monthly retrain would have produced as of each month from --from to --to, " +
            "with their evaluations on every date labelled today. Versions that exist for a date are kept; a month that brought no newly " +
            "labelled snapshot trains nothing (\"no new data: same as vN\").")
        { score, from, to, replay };
        var executor = new Units.ExecutorOptions();
        executor.AddTo(command);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            var progress = new Engine.InlineProgress<BackfillProgress>(p => context.Console.Error.WriteLine($"[{p.Done}/{p.Total}] {p.Stage}"));
            var summary = await host.Get<BackfillHandler>().HandleAsync(
                new Backfill(name, parse.GetValue(from), parse.GetValue(to), parse.GetValue(replay), executor.Read(parse, host.Get<Engine.Units.UnitDispatcher>())),
                Actor.System, progress, ct);
            await context.Console.Out.WriteLineAsync(
                $"Backfilled {name}: {summary.Trained} version(s) and {summary.Challengers} challenger(s) trained, " +
                $"{summary.AlreadyThere} date(s) already had one, {summary.NoNewData.Count} with no new data, " +
                $"{summary.Skipped} too early (fewer than two labelled snapshots), " +
                $"{summary.Evaluations} evaluation(s), {summary.Activations} activation(s) replayed " +
                $"({summary.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s).");
            foreach (var line in summary.NoNewData)
            {
                await context.Console.Out.WriteLineAsync($"  {line}");
            }
        });
        return command;
    }
}
