using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Cli.Accounts;

/// <summary>
/// `scorecockpit users disable|enable|unlock EMAIL`: the Users page's buttons, for the server's operator, who acts as
/// the system (and so can re-enable the last Admin, whom nobody could sign in as otherwise).
/// </summary>
public static class AccountStatusCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Make(context, "disable",
            "Stop an account from signing in; its open sessions end within a minute. The last enabled Admin cannot be disabled.",
            (host, email, ct) => host.Get<DisableUserHandler>().HandleAsync(new DisableUser(email), Actor.System, ct),
            email => $"Disabled {email}: it cannot sign in, and its open sessions end within a minute.");
        yield return Make(context, "enable", "Let a disabled account sign in again.",
            (host, email, ct) => host.Get<EnableUserHandler>().HandleAsync(new EnableUser(email), Actor.System, ct),
            email => $"Enabled {email}: it can sign in again.");
        yield return Make(context, "unlock", "End a lock-out after failed sign-ins now instead of after 15 minutes.",
            (host, email, ct) => host.Get<UnlockUserHandler>().HandleAsync(new UnlockUser(email), Actor.System, ct),
            email => $"Unlocked {email}: it can sign in now.");
    }

    private static Command Make(
        CliContext context, string name, string description, Func<CliHost, string, CancellationToken, Task> act, Func<string, string> done)
    {
        var email = new Argument<string>("EMAIL") { Description = "The email address the person signs in with." };
        var command = new Command(name, description) { email };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var address = parse.GetRequiredValue(email).Trim();
            await act(host, address, ct);
            await context.Console.Out.WriteLineAsync(done(address));
        });
        return command;
    }
}
