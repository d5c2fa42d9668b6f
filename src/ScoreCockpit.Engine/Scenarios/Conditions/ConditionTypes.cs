namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>
/// Checks a parsed condition against what will exist when it runs — variables, earlier steps and their outputs,
/// comparable types — so a mistake is reported when the scenario is saved, not at 3 a.m.
/// </summary>
public static class ConditionTypes
{
    public static void RequireBoolean(ConditionNode node, ConditionScope scope, string text)
    {
        var kind = KindOf(node, scope, text);
        if (kind != ValueKind.Boolean)
        {
            throw new ConditionException($"Condition `{text}` gives a {Word(kind)}, not true or false: compare it, e.g. {ConditionParser.Example}.");
        }
    }

    public static ValueKind KindOf(ConditionNode node, ConditionScope scope, string text) => node switch
    {
        LiteralNode literal => literal.Value.Kind,
        VariableNode variable => scope.Variables.TryGetValue(variable.Name, out var kind)
            ? kind
            : throw new ConditionException($"Condition `{text}` uses ${{{variable.Name}}}, which is not a variable here. Known variables: {Known(scope.Variables.Keys)}."),
        CallNode call => CallKind(call, scope, text),
        NotNode not => Boolean(not.Operand, scope, text, "not"),
        LogicNode logic => Logic(logic, scope, text),
        CompareNode compare => Compare(compare, scope, text),
        _ => throw new ConditionException($"Condition `{text}` cannot be read."),
    };

    private static ValueKind Logic(LogicNode logic, ConditionScope scope, string text)
    {
        Boolean(logic.Left, scope, text, logic.Operator);
        return Boolean(logic.Right, scope, text, logic.Operator);
    }

    private static ValueKind Boolean(ConditionNode operand, ConditionScope scope, string text, string op)
    {
        var kind = KindOf(operand, scope, text);
        return kind == ValueKind.Boolean
            ? kind
            : throw new ConditionException($"Condition `{text}`: '{op}' needs true/false on each side, but one side is a {Word(kind)}. Compare it first, e.g. metric('row_count') > 1000.");
    }

    private static ValueKind Compare(CompareNode compare, ConditionScope scope, string text)
    {
        var left = KindOf(compare.Left, scope, text);
        var right = KindOf(compare.Right, scope, text);
        if (left == ValueKind.Status || right == ValueKind.Status)
        {
            var other = left == ValueKind.Status ? compare.Right : compare.Left;
            if (other is LiteralNode { Value.Kind: ValueKind.Text } literal && !CheckLevels.TryParse((string)literal.Value.Value, out _))
            {
                throw new ConditionException($"Condition `{text}`: a check's status is 'OK', 'WARNING' or 'ERROR', not '{literal.Value.Value}'.");
            }

            if (left is ValueKind.Status or ValueKind.Text && right is ValueKind.Status or ValueKind.Text)
            {
                return ValueKind.Boolean;
            }
        }
        else if (left == ValueKind.Date && right == ValueKind.Text && compare.Right is LiteralNode || right == ValueKind.Date && left == ValueKind.Text && compare.Left is LiteralNode)
        {
            throw new ConditionException($"Condition `{text}`: write a date as date('2026-01-31') to compare it with a date.");
        }
        else if (left == right && (left != ValueKind.Boolean || compare.Operator is "==" or "!="))
        {
            return ValueKind.Boolean;
        }

        throw new ConditionException($"Condition `{text}`: cannot compare a {Word(left)} with a {Word(right)} using {compare.Operator}.");
    }

    private static ValueKind CallKind(CallNode call, ConditionScope scope, string text)
    {
        var count = call.Arguments.Count;
        switch (call.Function)
        {
            case "today" when count == 0:
                return ValueKind.Date;
            case "date" when count == 1:
                return DateOnly.TryParseExact(call.Arguments[0], "yyyy-MM-dd", out _)
                    ? ValueKind.Date
                    : throw new ConditionException($"Condition `{text}`: date('{call.Arguments[0]}') is not a date; write date('2026-01-31').");
            case "check" when count is 1 or 2:
                RequireDate(call, scope, text);
                return ValueKind.Status;
            case "metric" when count is 1 or 2:
                RequireDate(call, scope, text);
                return ValueKind.Number;
            case "check" or "metric" when count == 3 && DateOnly.TryParseExact(call.Arguments[2], "yyyy-MM-dd", out _):
                throw new ConditionException(
                    $"Condition `{text}`: write the date of {call.Function}() as date('{call.Arguments[2]}'), not as a quoted text.");
            case "status" when count == 1:
                RequireStep(call.Arguments[0], scope, text);
                return ValueKind.Text;
            case "output" when count == 2:
                var outputs = RequireStep(call.Arguments[0], scope, text);
                return outputs.TryGetValue(call.Arguments[1], out var kind)
                    ? kind
                    : throw new ConditionException(
                        $"Condition `{text}`: step '{call.Arguments[0]}' has no output '{call.Arguments[1]}'. Its outputs: {Known(outputs.Keys)}.");
            default:
                throw new ConditionException($"Condition `{text}`: {call.Function}() takes {Arity(call.Function)}.");
        }
    }

    private static void RequireDate(CallNode call, ConditionScope scope, string text)
    {
        var kind = call.On is null ? ValueKind.Date : KindOf(call.On, scope, text);
        if (kind != ValueKind.Date)
        {
            throw new ConditionException(
                $"Condition `{text}`: the last argument of {call.Function}() is the reference date to read, but it is a {Word(kind)}; "
                + $"write a date, e.g. {call.Function}('churn', 'volumetry', date('2026-10-31')) or ${{date_ref}}.");
        }
    }

    private static IReadOnlyDictionary<string, ValueKind> RequireStep(string step, ConditionScope scope, string text) =>
        scope.EarlierSteps.TryGetValue(step, out var outputs)
            ? outputs
            : throw new ConditionException($"Condition `{text}` names step '{step}', which is not an earlier step of this scenario. Earlier steps: {Known(scope.EarlierSteps.Keys)}.");

    private static string Arity(string function) => function switch
    {
        "today" => "no argument",
        "date" => "one date, date('2026-01-31')",
        "check" => "a check name, or a score and a check name, then optionally the reference date to read: check('volumetry'), "
            + "check('churn', 'volumetry'), check('churn', 'volumetry', date('2026-10-31'))",
        "metric" => "a metric name, or a score and a metric name, then optionally the reference date to read: metric('row_count'), "
            + "metric('churn', 'row_count'), metric('churn', 'row_count', ${date_ref})",
        "status" => "a step name: status('train')",
        _ => "a step and an output name: output('train', 'version')",
    };

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    public static string Word(ValueKind kind) => kind switch
    {
        ValueKind.Number => "number",
        ValueKind.Text => "text",
        ValueKind.Date => "date",
        ValueKind.Boolean => "true/false value",
        _ => "check status",
    };
}
