using System.Net.Mail;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Scenarios.Conditions;
using ScoreCockpit.Engine.Scenarios.Triggers;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>What a definition may refer to when it is saved.</summary>
public sealed record ValidationScope(
    string? ScenarioScore,
    IReadOnlySet<string> Scores,
    IReadOnlyDictionary<string, VariableType> Variables);

/// <summary>
/// Every mistake a definition can hold, found when it is saved: unknown steps, variables or scores, conditions
/// that do not parse or compare unlike things, bad dates, triggers and addresses.
/// </summary>
public static class ScenarioValidator
{
    public static void ThrowIfInvalid(ScenarioDefinition definition, ValidationScope scope)
    {
        var problems = Validate(definition, scope);
        if (problems.Count > 0)
        {
            throw new CockpitValidationException(problems.Count == 1
                ? problems[0]
                : $"The scenario has {problems.Count} problems:\n- {string.Join("\n- ", problems)}");
        }
    }

    public static IReadOnlyList<string> Validate(ScenarioDefinition definition, ValidationScope scope)
    {
        var problems = new List<string>();
        if (definition.Steps.Count == 0)
        {
            problems.Add("The scenario has no steps: add at least one (e.g. {\"type\": \"score\", \"name\": \"score\"}).");
        }

        var variables = scope.Variables.ToDictionary(v => v.Key, v => Values.KindOf(v.Value));
        variables[BuiltInVariables.DateRef] = ValueKind.Date;
        variables[BuiltInVariables.LabelEnd] = ValueKind.Date;
        variables[BuiltInVariables.DateRefYearMonth] = ValueKind.Number;
        var earlier = new Dictionary<string, IReadOnlyDictionary<string, ValueKind>>(StringComparer.Ordinal);
        var metrics = definition.Steps.OfType<ComputeMetricsStep>().SelectMany(c => c.Metrics).DistinctBy(m => m.Name).ToList();
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            var label = string.IsNullOrWhiteSpace(step.Name) ? $"Step {i + 1} ({step.Type})" : $"Step '{step.Name}'";
            var before = problems.Count;
            StepProblems(step, label, scope, variables, earlier, metrics, problems);
            if (!string.IsNullOrWhiteSpace(step.Name) && !earlier.TryAdd(step.Name, StepOutputCatalog.For(step)))
            {
                problems.Add($"{label}: another step has the same name; give each step its own name.");
            }

            if (step is SetVariablesStep set && problems.Count == before)
            {
                foreach (var v in set.Variables)
                {
                    variables[v.Name] = Values.KindOf(v.Type);
                }
            }
        }

        foreach (var trigger in definition.Triggers)
        {
            problems.AddRange(TriggerSchedule.Validate(trigger).Select(p => $"Trigger {TriggerSchedule.Describe(trigger)}: {p}"));
        }

        foreach (var address in definition.Reporters.SelectMany(r => r.To))
        {
            problems.AddRange(Address(address, "A reporter"));
        }

        if (definition.DurationLimitMinutes is < 1 or > 10_080)
        {
            problems.Add($"The duration limit {definition.DurationLimitMinutes} min is not possible: give minutes between 1 and 10080 (a week), or leave it out.");
        }

        return problems;
    }

    private static void StepProblems(StepDefinition step, string label, ValidationScope scope, Dictionary<string, ValueKind> variables,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, ValueKind>> earlier, IReadOnlyList<MetricDefinition> metrics, List<string> problems)
    {
        void Try(Action check)
        {
            try
            {
                check();
            }
            catch (Exception e) when (e is CockpitValidationException or ConditionException)
            {
                problems.Add($"{label}: {e.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(step.Name))
        {
            problems.Add($"{label} has no name: give it one (later steps and conditions use it).");
        }

        var score = step.Score ?? scope.ScenarioScore;
        if (StepTypes.NeedsScore(step.Type) && score is null)
        {
            problems.Add($"{label} works on a score: attach the scenario to a score or set \"score\" on the step.");
        }
        else if (step.Score is not null && !scope.Scores.Contains(step.Score))
        {
            problems.Add($"{label} works on score '{step.Score}', which does not exist (was it deleted or renamed?).");
        }

        var dates = variables.Where(v => v.Value == ValueKind.Date).Select(v => v.Key).ToHashSet();
        Try(() => Conditions(step, variables, earlier, scope));
        switch (step)
        {
            case SetVariablesStep set:
                foreach (var v in set.Variables)
                {
                    Try(() => Assignment(v, dates, variables));
                }

                break;
            case RunSqlStep sql when string.IsNullOrWhiteSpace(sql.Sql):
                problems.Add($"{label} has no SQL: write the statement(s) to run in \"sql\".");
                break;
            case RunSqlStep sql:
                Try(() => KnownVariables(SqlTemplate.Names(sql.Sql), variables, "its SQL"));
                break;
            case BuildSnapshotStep b when b.Date is not null:
                Try(() => DateExpressions.Validate(b.Date, dates));
                break;
            case ScoreStep s when s.Date is not null:
                Try(() => DateExpressions.Validate(s.Date, dates));
                break;
            case TrainVersionStep t when t.AsOf is not null:
                Try(() => DateExpressions.Validate(t.AsOf, dates));
                break;
            case TrainChallengersStep t when t.AsOf is not null:
                Try(() => DateExpressions.Validate(t.AsOf, dates));
                break;
            case PurgeVersionsStep p when string.IsNullOrWhiteSpace(p.UpTo):
                problems.Add($"{label} needs \"upTo\": the date up to which trained versions are deleted, e.g. \"first day of this month - 12 months\".");
                break;
            case PurgeVersionsStep p:
                Try(() => DateExpressions.Validate(p.UpTo, dates));
                break;
            case ComputeMetricsStep c:
                problems.AddRange(QualityValidation.Validate(c.Metrics, [], Known(variables))
                    .Concat(QualityValidation.Dataset(c.Dataset, "the dataset", Known(variables))).Select(p => $"{label}: {p}"));
                break;
            case RunChecksStep r:
                var metricProblems = QualityValidation.Validate(metrics, [], Known(variables)).ToHashSet(StringComparer.Ordinal);
                problems.AddRange(QualityValidation.Validate(metrics, r.Checks, Known(variables))
                    .Where(p => !metricProblems.Contains(p)).Select(p => $"{label}: {p}"));
                break;
            case SendMessageStep m:
                if (m.To.Count == 0)
                {
                    problems.Add($"{label} has no recipients: list addresses in \"to\".");
                }

                problems.AddRange(m.To.SelectMany(a => Address(a, label)));
                Try(() => KnownVariables(SqlTemplate.Names(m.Subject + " " + m.Body).Where(n => n != "run_link"), variables, "its message"));
                break;
        }
    }

    private static void Conditions(StepDefinition step, Dictionary<string, ValueKind> variables,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, ValueKind>> earlier, ValidationScope scope)
    {
        if (step.RunIf != RunIf.Condition)
        {
            if (!string.IsNullOrWhiteSpace(step.Condition))
            {
                throw new CockpitValidationException("it has a condition but runs \"" + step.RunIf.ToString().ToLowerInvariant()
                    + "\": set \"runIf\": \"condition\" to use it, or remove the condition.");
            }

            return;
        }

        var text = step.Condition ?? "";
        var node = ConditionParser.Parse(text);
        ConditionTypes.RequireBoolean(node, new ConditionScope(variables, earlier), text);
        foreach (var other in Calls(node).Where(c => c.Function is "check" or "metric" && c.Arguments.Count == 2).Select(c => c.Arguments[0]))
        {
            if (!scope.Scores.Contains(other))
            {
                throw new CockpitValidationException($"its condition reads score '{other}', which does not exist.");
            }
        }
    }

    private static HashSet<string> Known(Dictionary<string, ValueKind> variables) => variables.Keys.ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<CallNode> Calls(ConditionNode node) => node switch
    {
        CallNode call => [call],
        NotNode not => Calls(not.Operand),
        LogicNode logic => Calls(logic.Left).Concat(Calls(logic.Right)),
        CompareNode compare => Calls(compare.Left).Concat(Calls(compare.Right)),
        _ => [],
    };

    private static void Assignment(VariableAssignment v, IReadOnlySet<string> dates, IReadOnlyDictionary<string, ValueKind> variables)
    {
        VariableNames.Validate(v.Name);
        if (v.Name is BuiltInVariables.DateRefYearMonth or BuiltInVariables.LabelEnd)
        {
            throw new CockpitValidationException($"{v.Name} follows date_ref; set date_ref instead.");
        }

        if (v.Name == BuiltInVariables.DateRef && v.Type != VariableType.Date)
        {
            throw new CockpitValidationException("date_ref is a date: give it \"type\": \"date\".");
        }

        if (v.Type == VariableType.Date)
        {
            DateExpressions.Validate(v.Value, dates);
            return;
        }

        var references = SqlTemplate.Names(v.Value);
        KnownVariables(references, variables, $"the value of {v.Name}");
        if (references.Count == 0)
        {
            new Variable(v.Name, v.Type, v.Value).Parse();
        }
    }

    private static void KnownVariables(IEnumerable<string> names, IReadOnlyDictionary<string, ValueKind> variables, string where)
    {
        var unknown = names.Where(n => !variables.ContainsKey(n)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new CockpitValidationException(
                $"{where} uses {string.Join(", ", unknown.Select(n => "${" + n + "}"))}, not defined here. Known variables: {string.Join(", ", variables.Keys.Order(StringComparer.Ordinal))}. Define it with a set-variables step before, or as a score or global variable.");
        }
    }

    private static IEnumerable<string> Address(string address, string who) =>
        MailAddress.TryCreate(address, out _) ? [] : [$"{who}: '{address}' is not a mail address."];
}
