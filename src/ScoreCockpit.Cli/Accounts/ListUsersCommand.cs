using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Cli.Accounts;

/// <summary>`scorecockpit users list`: every account as a table of email, roles and creation time (UTC).</summary>
public static class ListUsersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List the accounts with their roles and when they were created (UTC).");
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var users = await host.Get<ListUsersHandler>().HandleAsync(Actor.System, ct);
            if (users.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("No users yet. Add one with: scorecockpit users add --email EMAIL --role Admin");
                return;
            }

            await WriteTableAsync(context.Console.Out, users);
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<UserSummary> users)
    {
        string[] header = ["EMAIL", "ROLES", "CREATED (UTC)"];
        var rows = users.Select(u => new[]
        {
            u.Email,
            string.Join(", ", u.Roles),
            u.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                + (u.DisabledAt is { } disabled
                    ? disabled.ToString("'  disabled since 'yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                    : "")
                + (u.LockedOutUntil is { } until
                    ? until.ToString("'  locked out until 'yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                    : ""),
        }).ToList();
        await TextTable.WriteAsync(output, header, rows);
    }
}
