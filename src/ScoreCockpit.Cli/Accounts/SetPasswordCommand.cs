using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Cli.Accounts;

/// <summary>
/// `scorecockpit users set-password EMAIL`: the operator gives an account a new password (as the system, so even the
/// only Admin can be let back in). The password is the first line of piped input, or typed twice at a prompt.
/// </summary>
public static class SetPasswordCommand
{
    public static Command Create(CliContext context)
    {
        var email = new Argument<string>("EMAIL") { Description = "The email address the person signs in with." };
        var command = new Command(
            "set-password",
            "Give an account a new password and end its open sessions. The password is the first line of standard input when it is piped, otherwise it is prompted twice.")
        {
            email,
        };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var address = parse.GetRequiredValue(email).Trim();
            // PasswordReader has the password typed twice at a prompt; piped input is one line.
            var password = PasswordReader.Read(context.Console);
            await host.Get<SetPasswordHandler>().HandleAsync(new SetPassword(address, password, password), Actor.System, ct);
            await context.Console.Out.WriteLineAsync(
                $"New password set for {address}: its open sessions end within a minute. Tell the person in person, not by mail.");
        });
        return command;
    }
}
