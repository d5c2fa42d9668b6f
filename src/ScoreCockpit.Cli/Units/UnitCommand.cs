using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Units;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Cli.Units;

/// <summary>
/// `scorecockpit unit run KIND --score S [--date D] [--version N]…`: one unit of work, alone. Its progress goes to
/// standard error; standard output ends with its result as one JSON line, which a parent process or a Job's log
/// carries back. Exit code 0 when it succeeded, 3 when it failed (the line says why), 2 for bad input or set-up.
/// </summary>
public static class UnitCommand
{
    public static Command Create(CliContext context) =>
        new("unit", "Run one unit of work (build-snapshot, refresh-labels, train, train-challengers, evaluate, score) alone.") { Run(context) };

    private static Command Run(CliContext context)
    {
        var kind = new Argument<string>("KIND") { Description = $"The unit: {string.Join(", ", UnitKinds.All)}." };
        var score = new Option<string>("--score") { Description = "The score it works on.", Required = true, HelpName = "SCORE" };
        var date = new Option<DateOnly?>("--date")
        {
            Description = "build-snapshot: the reference date (required); train, train-challengers: the as-of date (default today); " +
                "evaluate: the one labelled date (default every one); score: the snapshot's date (default the latest).",
            HelpName = "DATE",
        };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "evaluate: the day taken as today for the label calendar (default today).", HelpName = "DATE" };
        var versions = new Option<int[]>("--version") { Description = "evaluate: only this version number (repeatable).", HelpName = "N", AllowMultipleArgumentsPerToken = false };
        var variables = new Option<string[]>("--var")
        {
            Description = "build-snapshot: a run variable, NAME=VALUE or NAME:TYPE=VALUE (date, integer, decimal, text, identifier); repeatable.",
            HelpName = "NAME=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var recompute = new Option<bool>("--recompute") { Description = "evaluate: compute again the pairs already stored." };
        var execution = PushDown.ExecutionOption.Create("evaluate, score: where the versions score");
        var record = new Option<long?>("--unit-run") { Description = "The unit's record in the cockpit store, set by the process that dispatched it.", HelpName = "ID" };
        var command = new Command("run", "Run one unit against the cockpit store and the warehouse and print its result as one JSON line. " +
            "Running it twice leaves the store as running it once.")
        { kind, score, date, asOf, versions, variables, recompute, execution, record };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var unit = new UnitOfWork(UnitKinds.Parse(parse.GetRequiredValue(kind)), parse.GetRequiredValue(score))
            {
                Date = parse.GetValue(date),
                AsOf = parse.GetValue(asOf),
                Versions = parse.GetValue(versions) ?? [],
                Variables = (parse.GetValue(variables) ?? []).Select(ParseVariable).ToList(),
                Recompute = parse.GetValue(recompute),
                Execution = PushDown.ExecutionOption.Read(parse, execution),
                RunId = parse.GetValue(record),
            };
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var error = TextWriter.Synchronized(context.Console.Error);
            var result = await host.Get<UnitRunner>().RunAsync(unit, Actor.System, line => error.WriteLine(line), ct);
            await error.WriteLineAsync($"{unit.Describe()}: {result.Message}");
            await context.Console.Out.WriteLineAsync(result.ToLine());
            return result.Succeeded ? ExitCodes.Ok : ExitCodes.RunFailed;
        });
        return command;
    }

    /// <summary>NAME:TYPE=VALUE keeps the type a dispatcher wrote; NAME=VALUE reads it from the value, as `scenario run --var` does.</summary>
    private static Variable ParseVariable(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new Engine.Accounts.CockpitValidationException($"--var {text} is not NAME=VALUE or NAME:TYPE=VALUE, e.g. --var region:text=north.");
        }

        var (head, value) = (text[..equals], text[(equals + 1)..]);
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Scenarios.ScenarioCommands.ParseVariable(text);
        }

        var type = Enum.TryParse<VariableType>(head[(colon + 1)..], ignoreCase: true, out var given) && Enum.IsDefined(given) ? given
            : throw new Engine.Accounts.CockpitValidationException(
                $"--var {text}: '{head[(colon + 1)..]}' is not a variable type; use {string.Join(", ", Enum.GetNames<VariableType>().Select(n => n.ToLowerInvariant()))}.");
        var variable = new Variable(VariableNames.Validate(head[..colon]), type, value);
        variable.Parse();
        return variable;
    }
}
