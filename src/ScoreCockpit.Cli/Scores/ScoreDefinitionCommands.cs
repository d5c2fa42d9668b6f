using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Cli.Scores;

/// <summary>
/// `scores show NAME` and `scores save FILE [--replace]`: the definition file the portal exports and imports, so a
/// score can live in git and be applied from a pipeline.
/// </summary>
public static class ScoreDefinitionCommands
{
    public static Command Show(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The score whose definition to print." };
        var command = new Command("show", "Print a score's definition as JSON, exactly as the portal's Export writes it.") { name };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var json = await host.Get<GetScoreHandler>().ExportAsync(parse.GetRequiredValue(name), ct);
            await context.Console.Out.WriteLineAsync(json);
        });
        return command;
    }

    public static Command Save(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A score definition JSON file (as `scores show` prints it)." };
        var replace = new Option<bool>("--replace") { Description = "Replace the definition of the existing score of that name." };
        var command = new Command("save",
            "Create a score from a definition file, or with --replace replace the definition of the score of that name. " +
            "Every problem of the file is listed at once.")
        { file, replace };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new CockpitValidationException($"The file {path.FullName} does not exist. Give the path of a score definition JSON file.");
            }

            var json = await File.ReadAllTextAsync(path.FullName, ct);
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var replacing = parse.GetValue(replace);
            var existed = replacing && (await host.Get<ListScoresHandler>().HandleAsync(ct))
                .Any(s => s.Name == ScoreDefinitionJson.Read(json).Name);
            var saved = await host.Get<ImportScoreHandler>().HandleAsync(new ImportScore(json, replacing, "--replace"), Actor.System, ct);
            await context.Console.Out.WriteLineAsync(existed
                ? $"Replaced the definition of {saved.Name}."
                : $"Created the score {saved.Name}.");
        });
        return command;
    }
}
