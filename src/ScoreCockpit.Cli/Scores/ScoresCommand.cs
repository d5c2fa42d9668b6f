using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Cli.Scores;

/// <summary>`scorecockpit scores list [--json] | show | save | delete | archive | unarchive`.</summary>
public static class ScoresCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List the scores with their horizon and snapshot coverage.") { json };
        list.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var scores = await host.Get<ListScoresHandler>().HandleAsync(ct);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(scores, Json));
                return;
            }

            if (scores.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("No score yet. Create the demo with: scorecockpit init --demo");
                return;
            }

            await TextTable.WriteAsync(context.Console.Out, ["NAME", "STATE", "HORIZON", "SNAPSHOTS", "LATEST", "DESCRIPTION"],
                scores.Select(s => new[]
                {
                    s.Name,
                    s.Archived ? "archived" : "-",
                    s.Horizon,
                    s.Snapshots.ToString(CultureInfo.InvariantCulture),
                    s.LatestReferenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                    s.Description,
                }).ToList());
        });
        return new Command("scores", "Read, save, archive and delete scores.")
        {
            list,
            ScoreDefinitionCommands.Show(context),
            ScoreDefinitionCommands.Save(context),
            ScoreLifecycleCommands.Delete(context),
            ScoreLifecycleCommands.Archive(context, archived: true),
            ScoreLifecycleCommands.Archive(context, archived: false),
        };
    }
}
