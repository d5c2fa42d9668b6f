using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Cli.Scores;

/// <summary>`scores delete NAME --yes`, `scores archive NAME`, `scores unarchive NAME`.</summary>
public static class ScoreLifecycleCommands
{
    public static Command Delete(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The score to delete." };
        var yes = new Option<bool>("--yes") { Description = "Confirm: the score's model files and snapshot tables are removed for good." };
        var command = new Command("delete",
            "Delete a score no scenario uses: its model files and snapshot tables go, its evaluations and audit history stay. " +
            "Exit code 3 when some file or table could not be removed (listed on standard error).")
        { name, yes };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var score = parse.GetRequiredValue(name);
            if (!parse.GetValue(yes))
            {
                throw new CockpitValidationException(
                    $"Deleting '{score}' removes its model files and snapshot tables for good. Add --yes to confirm.");
            }

            await using var host = await CliHost.StartAsync(parse, context, ct);
            var deletion = await host.Get<DeleteScoreHandler>().HandleAsync(new DeleteScore(score), Actor.System, ct);
            await context.Console.Out.WriteLineAsync(
                $"Deleted {deletion.Name}: {deletion.ArtifactsDeleted} model file(s) and {deletion.TablesDropped} snapshot table(s) removed; " +
                "its evaluations and audit history are kept.");
            foreach (var failure in deletion.Failures)
            {
                await context.Console.Error.WriteLineAsync($"warning: not removed, clean it by hand: {failure}");
            }

            return deletion.Failures.Count == 0 ? ExitCodes.Ok : ExitCodes.RunFailed;
        });
        return command;
    }

    public static Command Archive(CliContext context, bool archived)
    {
        var name = new Argument<string>("NAME") { Description = archived ? "The score to archive." : "The score to bring back." };
        var command = new Command(archived ? "archive" : "unarchive", archived
            ? "File a score away: it leaves the portfolio and the scenario pickers, keeps everything else."
            : "Bring an archived score back to the portfolio and the scenario pickers.")
        { name };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var score = parse.GetRequiredValue(name);
            await host.Get<ArchiveScoreHandler>().HandleAsync(new ArchiveScore(score, archived), Actor.System, ct);
            await context.Console.Out.WriteLineAsync(archived ? $"Archived {score}." : $"Unarchived {score}.");
        });
        return command;
    }
}
