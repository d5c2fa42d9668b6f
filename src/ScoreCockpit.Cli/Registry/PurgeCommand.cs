using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;

namespace ScoreCockpit.Cli.Registry;

/// <summary>`scorecockpit purge SCORE --up-to DATE [--dry-run]`: the Versions tab's purge, headless.</summary>
public static class PurgeCommand
{
    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose old versions to purge." };
        var upTo = new Option<DateOnly>("--up-to")
        {
            Description = "Purge the versions trained as of this date or before (yyyy-MM-dd).",
            HelpName = "DATE",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be purged and change nothing." };
        var command = new Command("purge",
            "Delete the model files of versions trained up to a date. The active and the previously active versions are kept; " +
            "every version's metadata and evaluations stay.")
        { score, upTo, dryRun };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            var date = parse.GetValue(upTo);
            var dry = parse.GetValue(dryRun);
            var plan = await host.Get<PurgeVersionsHandler>().HandleAsync(new PurgeVersions(name, date, dry), Actor.System, ct);
            var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var output = context.Console.Out;
            if (plan.Purged.Count == 0)
            {
                await output.WriteLineAsync($"No version of {name} trained up to {day} can be purged.");
            }
            else
            {
                var versions = string.Join(", ", plan.Purged.Select(v => $"v{v}"));
                await output.WriteLineAsync(dry
                    ? $"Would purge {plan.Purged.Count} version(s) of {name} trained up to {day}: {versions}. Nothing changed (dry run)."
                    : $"Purged {plan.Purged.Count} version(s) of {name} trained up to {day}: {versions}.");
            }

            foreach (var (version, reason) in plan.Kept)
            {
                await output.WriteLineAsync($"Kept v{version}: {reason}.");
            }
        });
        return command;
    }
}
