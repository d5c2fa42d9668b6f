using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Accounts;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Cli.Connections;

/// <summary>
/// `scorecockpit connections add|list|test|remove`: warehouse connections without the portal, stored encrypted exactly as
/// Admin → Connections stores them. A connection string is read from standard input, never from an argument, so it does
/// not land in the shell's history or the process list.
/// </summary>
public static class ConnectionsCommand
{
    private static readonly Dictionary<string, WarehouseKind> Providers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["duckdb"] = WarehouseKind.DuckDb,
        ["postgres"] = WarehouseKind.Postgres,
        ["sqlserver"] = WarehouseKind.SqlServer,
        ["teradata"] = WarehouseKind.Teradata,
    };

    public static Command Create(CliContext context) =>
        new("connections", "Manage warehouse connections (their connection strings are stored encrypted and never shown).")
        {
            Add(context), List(context), Test(context), Remove(context),
        };

    private static Argument<string> NameArgument() => new("NAME") { Description = "The connection's name." };

    private static Command Add(CliContext context)
    {
        var name = NameArgument();
        var provider = new Option<string>("--provider")
        {
            Description = "The warehouse: duckdb, postgres, sqlserver or teradata.",
            HelpName = "PROVIDER",
            Required = true,
        };
        var command = new Command("add",
            "Add a connection, or change one. The connection string is the first line of standard input when it is piped, " +
            "otherwise it is prompted without echo.")
        {
            name, provider,
        };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var kind = Kind(parse.GetRequiredValue(provider));
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var connectionString = ReadConnectionString(context.Console);
            var connections = host.Get<WarehouseConnections>();
            await connections.SaveAsync(new SaveConnection(parse.GetRequiredValue(name), kind, connectionString), Actor.System, ct);
            await context.Console.Out.WriteLineAsync(
                $"Saved connection {parse.GetRequiredValue(name).Trim()} ({Provider(kind)}). Check it with: scorecockpit connections test NAME");
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the connections: name, provider, built-in or not, last change (UTC). Never the connection strings.");
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var connections = await host.Get<WarehouseConnections>().ListAsync(ct);
            await TextTable.WriteAsync(context.Console.Out, ["NAME", "PROVIDER", "BUILT-IN", "UPDATED (UTC)"], [.. connections.Select(c => new[]
            {
                c.Name,
                Provider(c.Kind),
                c.BuiltIn ? "yes" : "no",
                c.UpdatedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" by {c.UpdatedBy}" : "",
            })]);
        });
        return command;
    }

    private static Command Test(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("test", "Open the connection and run SELECT 1. Exit code 2 when it fails, with the reason.") { name };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var message = await host.Get<WarehouseConnections>().TestAsync(parse.GetRequiredValue(name), Actor.System, ct);
            await context.Console.Out.WriteLineAsync(message);
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = NameArgument();
        var command = new Command("remove", "Remove a connection. Scores that use it fail until it is added again.") { name };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            await host.Get<WarehouseConnections>().DeleteAsync(parse.GetRequiredValue(name), Actor.System, ct);
            await context.Console.Out.WriteLineAsync($"Removed connection {parse.GetRequiredValue(name)}.");
        });
        return command;
    }

    private static WarehouseKind Kind(string provider) =>
        Providers.TryGetValue(provider.Trim(), out var kind)
            ? kind
            : throw new CockpitValidationException(
                $"'{provider}' is not a warehouse provider: use {string.Join(", ", Providers.Keys)}.");

    private static string Provider(WarehouseKind kind) => Providers.First(p => p.Value == kind).Key;

    private static string ReadConnectionString(CliConsole console)
    {
        var text = console.IsInputRedirected ? console.In.ReadLine() : PasswordReader.Prompt(console, "Connection string: ");
        return string.IsNullOrWhiteSpace(text)
            ? throw new CockpitValidationException(
                "No connection string on standard input: pipe it as the first line, or run the command at a terminal to be prompted.")
            : text.Trim();
    }
}
