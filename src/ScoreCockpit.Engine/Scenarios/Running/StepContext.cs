using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Conditions;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scenarios.Running;

/// <summary>What a step sees of its run: the day, the variables, the earlier steps' outputs; and where it logs.</summary>
public sealed class StepContext(ScenarioRun run, string? scenarioScore, Actor actor, TimeProvider time)
{
    private readonly List<string> log = [];

    public ScenarioRun Run { get; } = run;

    /// <summary>The scenario's score; null for a global scenario.</summary>
    public string? ScoreName => scenarioScore;
    public Actor Actor { get; } = actor;

    /// <summary>The run's "today" (its as-of day).</summary>
    public DateOnly Today => Run.AsOf;

    /// <summary>Run variables: set by --var, by the portal's run dialog or by set-variables steps.</summary>
    public Dictionary<string, Variable> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Outputs of every step that ran, by step name.</summary>
    public Dictionary<string, Dictionary<string, TypedValue>> Outputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>Outputs of the step now running.</summary>
    public Dictionary<string, TypedValue> Current { get; set; } = [];

    public IReadOnlyList<string> LogLines => log;

    public void Log(string line) =>
        log.Add($"{time.GetLocalNow():HH:mm:ss} {line}");

    public void ClearLog() => log.Clear();

    public string ScoreOf(StepDefinition step) =>
        step.Score ?? scenarioScore ?? throw new CockpitValidationException(
            $"Step '{step.Name}' ({step.Type}) needs a score: attach the scenario to a score or set \"score\" on the step.");

    /// <summary>A date expression (null: <c>${date_ref}</c>, which defaults to the run's day).</summary>
    public DateOnly Date(string? expression) =>
        DateExpressions.Evaluate(expression ?? "${date_ref}", Today, DateVariable);

    public DateOnly? DateVariable(string name) => Variable(name)?.Value is DateOnly date ? date : null;

    /// <summary>A run variable as conditions read it; <c>${date_ref}</c> is the run's day until something sets it.</summary>
    public TypedValue? Variable(string name) =>
        Variables.TryGetValue(name, out var v) ? Conditions.Values.Of(v)
        : name == BuiltInVariables.DateRef ? TypedValue.Date(Today) : null;

    /// <summary>A run variable's text for filling <c>${name}</c> in names and messages; null when the run has none.</summary>
    public string? VariableText(string name) => Variables.TryGetValue(name, out var v) ? v.Value : null;

    /// <summary>Run variables a unit takes on top of the score's own, without the built-ins it derives from the date.</summary>
    public IReadOnlyList<Variable> RunVariables() =>
        Variables.Values.Where(v => !BuiltInVariables.Names.Contains(v.Name)).ToList();

    public void Output(string key, double value) => Current[key] = TypedValue.Number(value);

    public void Output(string key, DateOnly value) => Current[key] = TypedValue.Date(value);

    public void Output(string key, string value) => Current[key] = TypedValue.Text(value);

    public void Output(string key, bool value) => Current[key] = TypedValue.Boolean(value);

    public void Output(string key, CheckLevel value) => Current[key] = TypedValue.Status(value);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Runs one kind of step. Each kind is a small class; the runner picks it by the step's type.</summary>
public interface IStepExecutor
{
    string Type { get; }

    Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct);
}
