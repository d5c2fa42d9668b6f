using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Cli.Scenarios;

/// <summary>`scorecockpit scenario list | show | save | run | next`: scenarios without the portal (cron, CI, a container job).</summary>
public static class ScenarioCommands
{
    public static Command Create(CliContext context) =>
        new("scenario", "List, save, run and preview scenarios (ordered steps on time triggers).")
        {
            List(context), Show(context), Save(context), Run(context), Next(context),
        };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Every scenario with its score, triggers, next fire time and last run.");
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var scenarios = await host.Get<ScenarioQueries>().ListAsync(ct: ct);
            if (scenarios.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("No scenarios yet: `scorecockpit scenario save NAME --file scenario.json [--score SCORE]` creates one.");
                return;
            }

            await TextTable.WriteAsync(context.Console.Out, ["SCENARIO", "SCORE", "TRIGGERS", "NEXT (UTC)", "LAST RUN"], scenarios.Select(s => new[]
            {
                s.Name + (s.Enabled ? "" : " (disabled)"), s.Score ?? "-", string.Join("; ", s.Triggers),
                s.NextFireAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                s.LastStatus is { } status ? $"{status} {s.LastStartedAt:yyyy-MM-dd HH:mm}" : "never",
            }).ToList());
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The scenario." };
        var command = new Command("show", "Print a scenario's definition (JSON), ready to edit and save back.") { name };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var detail = await host.Get<ScenarioQueries>().GetAsync(parse.GetRequiredValue(name), ct: ct);
            await context.Console.Out.WriteLineAsync(detail.DefinitionJson);
        });
        return command;
    }

    private static Command Save(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The scenario's name, e.g. churn-application." };
        var file = new Option<FileInfo>("--file") { Description = "The definition (JSON).", Required = true, HelpName = "FILE" };
        var score = new Option<string?>("--score") { Description = "The score it belongs to (none: a global scenario).", HelpName = "SCORE" };
        var disabled = new Option<bool>("--disabled") { Description = "Save it without scheduling it." };
        var command = new Command("save", "Create or replace a scenario; every mistake in it is reported now, not when it runs.") { name, file, score, disabled };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new CockpitValidationException($"The file {path.FullName} does not exist.");
            }

            await using var host = await CliHost.StartAsync(parse, context, ct);
            var saved = await host.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario(parse.GetRequiredValue(name), parse.GetValue(score),
                await File.ReadAllTextAsync(path.FullName, ct), Enabled: !parse.GetValue(disabled)), Actor.System, ct);
            await context.Console.Out.WriteLineAsync($"Saved {saved.Name}" + (saved.NextFireAt is { } next ? $"; next run {next:yyyy-MM-dd HH:mm} UTC." : "; it runs only when started."));
        });
        return command;
    }

    private static Command Run(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The scenario to run now." };
        var variables = new Option<string[]>("--var")
        {
            Description = "A run variable, NAME=VALUE (repeatable). A yyyy-MM-dd value is a date, a whole number an integer, a dotted number a decimal, anything else text.",
            HelpName = "NAME=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Run as if today were this day (yyyy-MM-dd): replays a past run.", HelpName = "DATE" };
        var command = new Command("run", "Run a scenario now and print each step's outcome. Exit code 0 when it succeeded, 3 when a step failed.") { name, variables, asOf };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var runVariables = (parse.GetValue(variables) ?? []).Select(ParseVariable).ToList();
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var runner = host.Get<ScenarioRunner>();
            // Steps are announced on standard error, so standard output stays the summary alone.
            var progress = new Engine.InlineProgress<string>(line => context.Console.Error.WriteLine(line));
            var run = await runner.RunAsync(new StartRun(parse.GetRequiredValue(name), "manual (command line)", AsOf: parse.GetValue(asOf), Variables: runVariables),
                Actor.System, progress, ct);
            var stored = await host.Get<RunQueries>().GetAsync(run.Id, ct) ?? run;
            await WriteRunAsync(context.Console.Out, stored);
            return run.Status == RunStatus.Succeeded ? ExitCodes.Ok : ExitCodes.RunFailed;
        });
        return command;
    }

    private static Command Next(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The scenario." };
        var count = new Option<int>("--count") { Description = "How many fire times (default 10).", DefaultValueFactory = _ => 10, HelpName = "N" };
        var command = new Command("next", "Preview the scenario's next fire times, in UTC and in each trigger's time zone.") { name, count };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 1000)
            {
                throw new CockpitValidationException($"--count {n} is not possible: give a number from 1 to 1000.");
            }

            await using var host = await CliHost.StartAsync(parse, context, ct);
            var detail = await host.Get<ScenarioQueries>().GetAsync(parse.GetRequiredValue(name), n, ct);
            if (detail.NextFires.Count == 0)
            {
                await context.Console.Out.WriteLineAsync($"{detail.Summary.Name} has no time trigger: it runs only when started.");
                return;
            }

            await TextTable.WriteAsync(context.Console.Out, ["UTC", "LOCAL", "TRIGGER"], detail.NextFires.Select(f => new[]
            {
                f.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.InvariantCulture),
                ScenarioFireTimes.Local(detail.Definition, f.At), f.Trigger,
            }).ToList());
        });
        return command;
    }

    private static async Task WriteRunAsync(TextWriter output, ScenarioRun run)
    {
        await output.WriteLineAsync($"{run.ScenarioName} run {run.Id}: {run.Status} in {run.DurationMs / 1000.0:0.0} s (as of {run.AsOf:yyyy-MM-dd}).");
        await TextTable.WriteAsync(output, ["STEP", "TYPE", "STATUS", "SECONDS", "DETAIL"], run.Steps.OrderBy(s => s.Position).Select(s => new[]
        {
            s.Name, s.Type, s.Status.ToString(), (s.DurationMs / 1000.0).ToString("0.0", CultureInfo.InvariantCulture),
            s.Message ?? s.Log.Split('\n').LastOrDefault()?.Split(' ', 2).ElementAtOrDefault(1) ?? "",
        }).ToList());
        if (run.Failure is { } failure)
        {
            await output.WriteLineAsync($"{(run.Status == RunStatus.Skipped ? "Skipped" : "Failed")}: {failure}");
        }
    }

    /// <summary>NAME=VALUE with the type read from the value; `unit run --var` takes the same form.</summary>
    internal static Variable ParseVariable(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new CockpitValidationException($"--var {text} is not NAME=VALUE, e.g. --var date_ref=2026-02-28.");
        }

        var (name, value) = (VariableNames.Validate(text[..equals]), text[(equals + 1)..]);
        var type = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? VariableType.Date
            : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? VariableType.Integer
            : decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) ? VariableType.Decimal
            : VariableType.Text;
        var variable = new Variable(name, type, value);
        variable.Parse();
        return variable;
    }
}
