using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Cli.Variables;

/// <summary>
/// `scorecockpit variables list | set | delete`: global variables, or with `--score` the variables of one score's
/// definition (changed through the score's definition, so the whole definition is validated as in the editor).
/// </summary>
public static class VariablesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record Row(string Name, VariableType Type, string Value, string Scope);

    public static Command Create(CliContext context) =>
        new("variables", "Read and change global variables, or a score's variables with --score.")
        {
            List(context),
            Set(context),
            Delete(context),
        };

    private static Option<string?> ScoreOption(string what) => new("--score")
    {
        Description = $"{what} the variables of this score's definition instead of the global ones.",
        HelpName = "SCORE",
    };

    private static Command List(CliContext context)
    {
        var score = ScoreOption("List");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "List the global variables, or one score's variables.") { score, json };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var scoreName = parse.GetValue(score);
            var rows = scoreName is null
                ? (await host.Get<GlobalVariablesHandler>().ListAsync(ct)).Select(v => new Row(v.Name, v.Type, v.Value, "global")).ToList()
                : (await host.Get<GetScoreHandler>().HandleAsync(scoreName, ct)).Definition.Variables
                    .Select(v => new Row(v.Name, v.Type, v.Value, "score")).ToList();
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows, Json));
                return;
            }

            if (rows.Count == 0)
            {
                await context.Console.Out.WriteLineAsync(scoreName is null
                    ? "No global variable. Set one with: scorecockpit variables set NAME VALUE --type Date|Integer|Decimal|Text|Identifier"
                    : $"{scoreName} defines no variable. Set one with: scorecockpit variables set NAME VALUE --type TYPE --score {scoreName}");
                return;
            }

            await TextTable.WriteAsync(context.Console.Out, ["NAME", "TYPE", "VALUE"],
                rows.Select(r => new[] { r.Name, r.Type.ToString(), r.Value }).ToList());
        });
        return command;
    }

    private static Command Set(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The variable, as `${NAME}` appears in SQL." };
        var value = new Argument<string>("VALUE") { Description = "Its value, written for its type (a date as yyyy-MM-dd, a decimal with a dot)." };
        var type = new Option<string?>("--type")
        {
            Description = $"{string.Join(", ", Enum.GetNames<VariableType>())}. Required for a new variable; default: the current type.",
            HelpName = "TYPE",
        };
        var score = ScoreOption("Set");
        var command = new Command("set", "Set a variable (created if new). The change is audited.") { name, value, type, score };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var variable = VariableNames.Validate(parse.GetRequiredValue(name));
            var text = parse.GetRequiredValue(value).Trim();
            var scoreName = parse.GetValue(score);
            var requested = ParseType(parse.GetValue(type));
            if (scoreName is null)
            {
                var globals = host.Get<GlobalVariablesHandler>();
                var current = (await globals.ListAsync(ct)).FirstOrDefault(v => v.Name == variable)?.Type;
                var chosen = requested ?? current ?? throw MissingType(variable);
                await globals.SetAsync(new SetGlobalVariable(variable, chosen, text), Actor.System, ct);
                await context.Console.Out.WriteLineAsync($"Set the global variable {variable} = {text} ({chosen}).");
                return;
            }

            var definition = (await host.Get<GetScoreHandler>().HandleAsync(scoreName, ct)).Definition;
            var existing = definition.Variables.FirstOrDefault(v => v.Name == variable);
            var setting = new VariableSetting(variable, requested ?? existing?.Type ?? throw MissingType(variable), text);
            setting.ToVariable().Parse();
            var variables = existing is null
                ? [.. definition.Variables, setting]
                : definition.Variables.Select(v => v.Name == variable ? setting : v).ToList();
            await host.Get<UpdateScoreHandler>().HandleAsync(
                new UpdateScore(scoreName, definition with { Variables = variables }), Actor.System, ct);
            await context.Console.Out.WriteLineAsync($"Set {variable} = {text} ({setting.Type}) on {scoreName}.");
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The variable to remove." };
        var score = ScoreOption("Remove from");
        var command = new Command("delete", "Remove a variable. The change is audited.") { name, score };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var variable = parse.GetRequiredValue(name).Trim();
            var scoreName = parse.GetValue(score);
            if (scoreName is null)
            {
                await host.Get<GlobalVariablesHandler>().DeleteAsync(variable, Actor.System, ct);
                await context.Console.Out.WriteLineAsync($"Removed the global variable {variable}.");
                return;
            }

            var definition = (await host.Get<GetScoreHandler>().HandleAsync(scoreName, ct)).Definition;
            if (definition.Variables.All(v => v.Name != variable))
            {
                throw new CockpitValidationException(
                    $"{scoreName} defines no variable named {variable}. See its variables with: scorecockpit variables list --score {scoreName}");
            }

            await host.Get<UpdateScoreHandler>().HandleAsync(
                new UpdateScore(scoreName, definition with { Variables = definition.Variables.Where(v => v.Name != variable).ToList() }),
                Actor.System, ct);
            await context.Console.Out.WriteLineAsync($"Removed {variable} from {scoreName}.");
        });
        return command;
    }

    private static VariableType? ParseType(string? type) =>
        type is null ? null
        : Enum.TryParse<VariableType>(type.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(type, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? parsed
            : throw new CockpitValidationException($"Unknown variable type '{type}'. Use {string.Join(", ", Enum.GetNames<VariableType>())}.");

    private static CockpitValidationException MissingType(string name) =>
        new($"{name} is a new variable: give its type with --type {string.Join("|", Enum.GetNames<VariableType>())}.");
}
