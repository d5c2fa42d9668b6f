using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Warehouse.Conformance;

namespace ScoreCockpit.Cli.Warehouse;

/// <summary>
/// `scorecockpit warehouse check CONNECTION [--json]`: every statement shape the engine uses, tried on the warehouse with
/// scratch tables it drops again. Exit code 0 when every check passed or was skipped, 2 otherwise.
/// </summary>
public static class WarehouseCheckCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context) =>
        new("warehouse", "Work with warehouse connections' SQL.") { Check(context) };

    private static Command Check(CliContext context)
    {
        var connection = new Argument<string>("CONNECTION")
        {
            Description = "The warehouse connection to check (demo: the DuckDB file of the data folder).",
        };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table." };
        var command = new Command(
            "check",
            "Run every statement shape the engine uses on a warehouse (create, drop, swap, batched insert, profile, corr(), WITH, " +
            "window functions, dates, doubles, NULLs) with scratch tables named sc_check_…, dropped afterwards.")
        {
            connection, json,
        };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            await using var session = await host.Get<WarehouseConnections>().OpenAsync(parse.GetRequiredValue(connection), ct);
            var results = await WarehouseConformance.RunAsync(session, host.Get<TimeProvider>(), ct);
            var ok = results.All(r => r.Ok);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    connection = session.Info.Name,
                    kind = session.Info.Kind.ToString(),
                    passed = ok,
                    checks = results.Select(r => new
                    {
                        name = r.Name,
                        outcome = r.Outcome.ToString().ToLowerInvariant(),
                        durationMs = (long)r.Duration.TotalMilliseconds,
                        message = r.Message,
                    }),
                }, Json));
            }
            else
            {
                await WriteTableAsync(context.Console.Out, results);
                var failed = results.Count(r => !r.Ok);
                await context.Console.Out.WriteLineAsync(ok
                    ? $"All {results.Count} checks passed on {session.Info.Name} ({session.Info.Kind})."
                    : $"{failed} of {results.Count} checks failed on {session.Info.Name} ({session.Info.Kind}).");
            }

            return ok ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    private static Task WriteTableAsync(TextWriter output, IReadOnlyList<ConformanceResult> results) =>
        TextTable.WriteAsync(output, ["CHECK", "RESULT", "TIME", "MESSAGE"], [.. results.Select(r => new[]
        {
            r.Name,
            r.Outcome switch
            {
                ConformanceOutcome.Passed => "pass",
                ConformanceOutcome.Skipped => "skipped",
                _ => "FAIL",
            },
            r.Duration.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture),
            // One line per check: a warehouse's message may span several.
            r.Message?.ReplaceLineEndings(" ") ?? "",
        })]);
}
