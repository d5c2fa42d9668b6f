using FsCheck.Fluent;
using ScoreCockpit.Engine.Scenarios.Conditions;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Fuzzing;

/// <summary>Step conditions as a person may type them: a parse, a type check, or a ConditionException that says where.</summary>
public sealed class ConditionFuzzTests
{
    private static readonly string[] Fragments =
    [
        "check", "metric", "output", "status", "date", "today", "(", ")", "()", ",", "'", "\"", "'volumetry'", "'churn'", "'2026-10-31'",
        "${", "}", "${date_ref}", "${x}", "and", "or", "not", "&&", "||", "!", "==", "!=", "<", "<=", ">", ">=", "=", "true", "false",
        " ", "\t", "\n", "1000", "-1", "0.05", ".5", "1.2.3", "-", "1e9", "١٢", "é", "_", "x", "check('volumetry')", "metric('row_count')",
        "output('s', 'k')", "status('s')", "date('2026-01-31')", "today()", "'OK'", "'ERROR'", "\0", "😀",
    ];

    private static readonly ConditionScope Scope = new(
        new Dictionary<string, ValueKind> { ["date_ref"] = ValueKind.Date, ["x"] = ValueKind.Number },
        new Dictionary<string, IReadOnlyDictionary<string, ValueKind>> { ["s"] = new Dictionary<string, ValueKind> { ["k"] = ValueKind.Number } });

    [Fact]
    public Task Any_text_parses_or_says_what_is_wrong() =>
        Fuzz.RunAsync("condition parser", Gen.Frequency((9, Fuzz.Soup(Fragments)), (1, Fuzz.AnyText)), text =>
            {
                var node = ConditionParser.Parse(text);
                ConditionTypes.RequireBoolean(node, Scope, text);
                return Task.CompletedTask;
            },
            text => text, suiteDefault: 3000, typeof(ConditionException));

    [Fact]
    public void Regression_deep_nesting_is_refused_with_a_message_not_a_stack_overflow()
    {
        foreach (var text in new[] { new string('(', 100_000) + "true", string.Concat(Enumerable.Repeat("not ", 100_000)) + "true",
            new string('!', 100_000) + "true" })
        {
            var error = Assert.Throws<ConditionException>(() => ConditionParser.Parse(text));
            Assert.Contains("nested", error.Message, StringComparison.Ordinal);
        }
    }
}
