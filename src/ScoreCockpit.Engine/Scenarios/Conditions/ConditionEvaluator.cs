using System.Globalization;

namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>Evaluates a type-checked condition against a run's facts.</summary>
public static class ConditionEvaluator
{
    public static async Task<bool> EvaluateAsync(string text, IConditionFacts facts, CancellationToken ct)
    {
        var value = await ValueAsync(ConditionParser.Parse(text), facts, text, ct);
        return value.Value is bool b
            ? b
            : throw new ConditionException($"Condition `{text}` gives {value}, not true or false.");
    }

    private static async Task<TypedValue> ValueAsync(ConditionNode node, IConditionFacts facts, string text, CancellationToken ct)
    {
        switch (node)
        {
            case LiteralNode literal:
                return literal.Value;
            case VariableNode variable:
                return facts.Variable(variable.Name)
                    ?? throw new ConditionException($"Condition `{text}`: the variable {variable.Name} has no value in this run.");
            case NotNode not:
                return TypedValue.Boolean(!await BooleanAsync(not.Operand, facts, text, ct));
            case LogicNode { Operator: "and" } and:
                return TypedValue.Boolean(await BooleanAsync(and.Left, facts, text, ct) && await BooleanAsync(and.Right, facts, text, ct));
            case LogicNode or:
                return TypedValue.Boolean(await BooleanAsync(or.Left, facts, text, ct) || await BooleanAsync(or.Right, facts, text, ct));
            case CompareNode compare:
                var left = await ValueAsync(compare.Left, facts, text, ct);
                var right = await ValueAsync(compare.Right, facts, text, ct);
                return TypedValue.Boolean(Compare(compare.Operator, left, right, text));
            case CallNode call:
                return await CallAsync(call, facts, text, ct);
            default:
                throw new ConditionException($"Condition `{text}` cannot be evaluated.");
        }
    }

    private static async Task<bool> BooleanAsync(ConditionNode node, IConditionFacts facts, string text, CancellationToken ct) =>
        (await ValueAsync(node, facts, text, ct)).Value is true;

    private static async Task<TypedValue> CallAsync(CallNode call, IConditionFacts facts, string text, CancellationToken ct)
    {
        var (score, name) = call.Arguments.Count == 2 ? (call.Arguments[0], call.Arguments[1]) : ((string?)null, call.Arguments.Count > 0 ? call.Arguments[0] : "");
        switch (call.Function)
        {
            case "today":
                return TypedValue.Date(facts.Today);
            case "date":
                return TypedValue.Date(DateOnly.ParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            case "check":
                var date = await DateAsync(call, facts, text, ct);
                return TypedValue.Status(await facts.CheckAsync(score, name, date, ct)
                    ?? throw Missing(call, score, name, date, text, "has no result", "Run the check"));
            case "metric":
                var on = await DateAsync(call, facts, text, ct);
                return TypedValue.Number(await facts.MetricAsync(score, name, on, ct)
                    ?? throw Missing(call, score, name, on, text, "has no value", "Compute the metric"));
            case "status":
                return TypedValue.Text(facts.StepStatus(name) ?? "not run");
            default:
                return facts.Output(call.Arguments[0], call.Arguments[1])
                    ?? throw new ConditionException($"Condition `{text}`: step '{call.Arguments[0]}' gave no output '{call.Arguments[1]}' in this run (did it run?).");
        }
    }

    /// <summary>The reference date a check() or metric() reads: the one it names, else the run's <c>${date_ref}</c>.</summary>
    private static async Task<DateOnly> DateAsync(CallNode call, IConditionFacts facts, string text, CancellationToken ct)
    {
        if (call.On is null)
        {
            return facts.ReferenceDate;
        }

        var value = await ValueAsync(call.On, facts, text, ct);
        return value.Value is DateOnly date
            ? date
            : throw new ConditionException($"Condition `{text}`: the reference date of {call.Function}() is {value}, not a date.");
    }

    // A result for another date says nothing about this one, so a missing one stops the run rather than reading an older one.
    private static ConditionException Missing(CallNode call, string? score, string name, DateOnly date, string text, string what, string remedy)
    {
        var whose = score is null ? "" : $" of {score}";
        var day = TypedValue.Date(date);
        var which = call.On is null ? $"the run's reference date (${{date_ref}}) {day}" : $"{day}";
        var named = score is null ? $"'{name}'" : $"'{score}', '{name}'";
        return new ConditionException(
            $"Condition `{text}`: the {call.Function} '{name}'{whose} {what} for {which}. {remedy} for {day} before this step, "
            + $"or name the reference date to read as the last argument: {call.Function}({named}, date('yyyy-mm-dd')).");
    }

    private static bool Compare(string op, TypedValue left, TypedValue right, string text)
    {
        var order = (left.Value, right.Value) switch
        {
            (double a, double b) => a.CompareTo(b),
            (DateOnly a, DateOnly b) => a.CompareTo(b),
            (bool a, bool b) => a.CompareTo(b),
            (CheckLevel a, CheckLevel b) => a.CompareTo(b),
            (CheckLevel a, string b) => a.CompareTo(Level(b, text)),
            (string a, CheckLevel b) => Level(a, text).CompareTo(b),
            (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
            _ => throw new ConditionException($"Condition `{text}`: cannot compare {left} with {right}."),
        };
        return op switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    private static CheckLevel Level(string text, string condition) =>
        CheckLevels.TryParse(text, out var level)
            ? level
            : throw new ConditionException($"Condition `{condition}`: a check's status is 'OK', 'WARNING' or 'ERROR', not '{text}'.");
}
