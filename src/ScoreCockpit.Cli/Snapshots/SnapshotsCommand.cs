using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Snapshots;

namespace ScoreCockpit.Cli.Snapshots;

/// <summary>
/// `scorecockpit snapshots list|build|delete|refresh-labels`: what each snapshot holds and whether its labels are final,
/// a score's history built in one command, a wrong snapshot removed, and the refresh that makes pending labels final.
/// </summary>
public static class SnapshotsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context) =>
        new("snapshots", "List, build or delete a score's snapshots, or refresh labels that have become final.")
        {
            List(context),
            Build(context),
            Delete(context),
            Refresh(context),
        };

    private static Command Build(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose snapshots to build." };
        var from = new Option<DateOnly>("--from") { Description = "The first reference date of the range (yyyy-MM-dd).", HelpName = "DATE", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "The last reference date of the range (yyyy-MM-dd), today at the latest.", HelpName = "DATE", Required = true };
        var rebuild = new Option<bool>("--rebuild") { Description = "Also rebuild the dates that already have a snapshot (by default they are kept)." };
        var command = new Command("build",
            "Build a snapshot for each of the score's reference dates from --from to --to (month-ends, first days, a weekday, or the dates in " +
            "its data, as its definition says). Dates whose dataprep returns no row are skipped and listed; the first failure stops the " +
            "range with its date and message, keeping the snapshots built before it.")
        { score, from, to, rebuild };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            var progress = new Engine.InlineProgress<SnapshotRangeProgress>(p => context.Console.Error.WriteLine($"[{p.Done}/{p.Total}] {p.Stage}"));
            var result = await host.Get<BuildSnapshotRangeHandler>().HandleAsync(
                new BuildSnapshotRange(name, parse.GetValue(from), parse.GetValue(to), parse.GetValue(rebuild)), ScoreCockpit.Engine.Accounts.Actor.System, progress, ct);
            if (result.FailedOn is not null)
            {
                throw new ScoreCockpit.Engine.Accounts.CockpitValidationException($"{name}: {result.Describe()}");
            }

            await context.Console.Out.WriteLineAsync($"{name}: {result.Describe()}");
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose snapshot to delete." };
        var date = new Option<DateOnly>("--date") { Description = "The reference date of the snapshot (yyyy-MM-dd).", HelpName = "DATE", Required = true };
        var command = new Command("delete",
            "Delete one snapshot: its warehouse table and its record. Evaluations measured on it are kept until the date is rebuilt and evaluated.")
        { score, date };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            var said = await host.Get<DeleteSnapshotHandler>().HandleAsync(new DeleteSnapshot(name, parse.GetValue(date)), ScoreCockpit.Engine.Accounts.Actor.System, ct);
            await context.Console.Out.WriteLineAsync($"{name} {said}.");
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose snapshots to list." };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: date, rows, positives, built_at, labels_final_on, labels (final or pending), refresh_due, labels_read_at, missing_labels.",
        };
        var command = new Command("list", "List a score's snapshots, newest first, with the state of their labels.") { score, json };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            var snapshots = await host.Get<ListSnapshotsHandler>().HandleAsync(name, ct);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(snapshots.Select(Entry), Json));
                return;
            }

            if (snapshots.Count == 0)
            {
                await context.Console.Out.WriteLineAsync($"{name} has no snapshot yet: build one from the portal or a scenario.");
                return;
            }

            await TextTable.WriteAsync(context.Console.Out, ["DATE", "ROWS", "POSITIVES", "LABELS", "FINAL ON", "BUILT"],
                snapshots.Select(s => new[]
                {
                    Day(s.ReferenceDate),
                    s.Rows.ToString(CultureInfo.InvariantCulture),
                    s.Positives?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    LabelMaturity.Word(s.Labels) + (s.RefreshDue ? " (refresh due)" : "") + (s.MissingLabels > 0 ? $" ({s.MissingLabels} missing)" : ""),
                    Day(s.LabelsFinalOn),
                    s.BuiltAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
                }).ToList());
        });
        return command;
    }

    private static Command Refresh(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose labels to refresh." };
        var date = new Option<DateOnly?>("--date") { Description = "Only this reference date; by default every snapshot whose labels are due.", HelpName = "YYYY-MM-DD" };
        var command = new Command("refresh-labels",
            "Re-read the target of snapshots built before their labels were final, keeping their features as built.") { score, date };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            var done = await host.Get<RefreshLabelsHandler>().HandleAsync(new RefreshLabels(name, parse.GetValue(date)), ScoreCockpit.Engine.Accounts.Actor.System, ct: ct);
            if (done.Count == 0)
            {
                await context.Console.Out.WriteLineAsync($"No label of {name} is due for a refresh.");
            }

            foreach (var refresh in done)
            {
                await context.Console.Out.WriteLineAsync(refresh.Describe());
            }
        });
        return command;
    }

    private static Dictionary<string, object?> Entry(SnapshotSummary s) => new()
    {
        ["date"] = Day(s.ReferenceDate),
        ["rows"] = s.Rows,
        ["positives"] = s.Positives,
        ["built_at"] = s.BuiltAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["labels_final_on"] = Day(s.LabelsFinalOn),
        ["labels"] = LabelMaturity.Word(s.Labels),
        ["refresh_due"] = s.RefreshDue,
        ["labels_read_at"] = s.LabelsReadAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["missing_labels"] = s.MissingLabels,
    };

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
