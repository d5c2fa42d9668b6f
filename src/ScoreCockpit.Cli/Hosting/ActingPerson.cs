using System.CommandLine;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Cli.Hosting;

/// <summary>`--as EMAIL`: the person a command acts for, so the history names them rather than `system`.</summary>
public static class ActingPerson
{
    public static Option<string?> Option(string action) => new("--as")
    {
        Description = $"The account (email) that {action}; it must have the {Roles.Analyst} role. Default: system.",
        HelpName = "EMAIL",
    };

    public static async Task<Actor> ResolveAsync(CliHost host, string? email, string action, CancellationToken ct)
    {
        if (email is null)
        {
            return Actor.System;
        }

        var actor = await host.Get<AccountActor>().ForEmailAsync(email, ct);
        // Refused before anything runs, with the flag in the message: the handler's own check would not name --as.
        return actor.IsIn(Roles.Analyst)
            ? actor
            : throw new CockpitValidationException(
                $"{actor.Name} cannot {action}: --as needs an account with the {Roles.Analyst} role. Ask an Admin to grant it, or name another account.");
    }
}
