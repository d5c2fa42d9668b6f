using System.CommandLine;
using ScoreCockpit.Cli.Hosting;

namespace ScoreCockpit.Cli.Accounts;

/// <summary>`scorecockpit users …`: accounts of the portal.</summary>
public static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var users = new Command("users", "Manage the accounts that sign in to the portal.")
        {
            AddUserCommand.Create(context),
            ListUsersCommand.Create(context),
            SetPasswordCommand.Create(context),
        };
        foreach (var command in AccountStatusCommands.Create(context))
        {
            users.Subcommands.Add(command);
        }

        return users;
    }
}
