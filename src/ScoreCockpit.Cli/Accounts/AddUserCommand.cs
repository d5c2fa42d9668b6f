using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Cli.Accounts;

/// <summary>`scorecockpit users add --email E --role ROLE [--role ROLE…]`, password from piped input or a prompt.</summary>
public static class AddUserCommand
{
    public static Command Create(CliContext context)
    {
        var email = new Option<string>("--email")
        {
            Description = "The email address the person signs in with.",
            HelpName = "EMAIL",
            Required = true,
        };
        var roles = new Option<string[]>("--role")
        {
            Description = $"A role to grant ({string.Join(", ", Roles.All)}); repeat for several.",
            HelpName = "ROLE",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command(
            "add",
            "Add an account. The password is the first line of standard input when it is piped, otherwise it is prompted twice.")
        {
            email,
            roles,
        };

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var requested = parse.GetRequiredValue(roles);
            // Roles are checked before the password is asked for, so a typo does not cost a prompt.
            var granted = Roles.Parse(requested);
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var password = PasswordReader.Read(context.Console);
            var request = new AddUser(parse.GetRequiredValue(email), password, granted);
            var user = await host.Get<AddUserHandler>().HandleAsync(request, Actor.System, ct);
            await context.Console.Out.WriteLineAsync($"Added {user.Email} with roles: {string.Join(", ", granted)}");
        });
        return command;
    }
}
