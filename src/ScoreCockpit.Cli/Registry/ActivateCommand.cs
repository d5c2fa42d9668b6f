using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Registry;

namespace ScoreCockpit.Cli.Registry;

/// <summary>`scorecockpit activate SCORE VERSION --comment TEXT [--as EMAIL]`: a person chooses the version that scores customers.</summary>
public static class ActivateCommand
{
    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose active version to change." };
        var version = new Argument<int>("VERSION") { Description = "The version number to activate (as `versions` lists it)." };
        var comment = new Option<string>("--comment")
        {
            Description = "Why this version should score customers; kept in the activation history and the audit log.",
            HelpName = "TEXT",
            Required = true,
        };
        var person = ActingPerson.Option("activates the version");
        var command = new Command("activate",
            "Make a version the one that scores customers (rolling back is activating an older one). The change is audited.")
        { score, version, comment, person };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            var number = parse.GetValue(version);
            var actor = await ActingPerson.ResolveAsync(host, parse.GetValue(person), "activate model versions", ct);
            await host.Get<ActivateVersionHandler>().HandleAsync(
                new ActivateVersion(name, number, parse.GetRequiredValue(comment)), actor, ct);
            await context.Console.Out.WriteLineAsync($"Activated {name} v{number}: it scores customers from now on.");
        });
        return command;
    }
}
