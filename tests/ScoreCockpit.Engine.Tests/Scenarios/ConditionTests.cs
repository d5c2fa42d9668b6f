using ScoreCockpit.Engine.Scenarios.Conditions;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>Conditions are parsed and type-checked when saved, and evaluated on a run's facts.</summary>
public sealed class ConditionTests
{
    private static readonly ConditionScope Scope = new(
        new Dictionary<string, ValueKind> { ["date_ref"] = ValueKind.Date, ["threshold"] = ValueKind.Number, ["region"] = ValueKind.Text },
        new Dictionary<string, IReadOnlyDictionary<string, ValueKind>>
        {
            ["train"] = new Dictionary<string, ValueKind> { ["version"] = ValueKind.Number, ["auc"] = ValueKind.Number },
        });

    private static void Check(string text) => ConditionTypes.RequireBoolean(ConditionParser.Parse(text), Scope, text);

    [Theory]
    [InlineData("check('volumetry') != 'ERROR'")]
    [InlineData("check('churn', 'volumetry') <= 'WARNING' and metric('row_count') > 1000")]
    [InlineData("not (output('train', 'auc') < 0.7) || ${threshold} >= 3")]
    [InlineData("${date_ref} >= date('2026-01-31') and status('train') == 'succeeded'")]
    [InlineData("${region} == \"north\" or today() > ${date_ref}")]
    [InlineData("check('churn', 'volumetry', date('2026-10-31')) == 'OK' and metric('row_count', ${date_ref}) > 1")]
    [InlineData("check('volumetry', today()) != 'ERROR'")]
    public void Well_formed_conditions_pass(string text) => Check(text);

    [Theory]
    [InlineData("check('volumetry') != ", "expected a value but found the end of the condition")]
    [InlineData("check('volumetry' == 'OK'", "expected ')' to close check(")]
    [InlineData("metric('rows') = 5", "a single '='")]
    [InlineData("metric('rows') > 5 5", "unexpected '5' after a complete condition")]
    [InlineData("rows > 5", "unknown name 'rows'; use ${rows} for a variable")]
    [InlineData("check('v') == 'ERR", "has no closing '")]
    [InlineData("check('v', date('2026-01-31'), 'x') == 'OK'", "the date comes last in check()")]
    [InlineData("status(${date_ref}) == 'succeeded'", "the arguments of status() are quoted names")]
    public void Syntax_errors_say_where_and_what(string text, string expected)
    {
        var error = Assert.Throws<ConditionException>(() => Check(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("character", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${unknown} > 3", "${unknown}, which is not a variable here. Known variables: date_ref, region, threshold")]
    [InlineData("metric('rows') > 'many'", "cannot compare a number with a text")]
    [InlineData("check('v') == 'BAD'", "'OK', 'WARNING' or 'ERROR', not 'BAD'")]
    [InlineData("output('score', 'rows') > 0", "not an earlier step of this scenario. Earlier steps: train")]
    [InlineData("output('train', 'rows') > 0", "step 'train' has no output 'rows'. Its outputs: auc, version")]
    [InlineData("metric('rows')", "gives a number, not true or false")]
    [InlineData("${date_ref} > '2026-01-01'", "write a date as date('2026-01-31')")]
    [InlineData("metric('a', 'b', 'c') > 1", "metric() takes a metric name")]
    [InlineData("check('churn', 'v', '2026-10-31') == 'OK'", "write the date of check() as date('2026-10-31'), not as a quoted text")]
    [InlineData("metric('rows', 3) > 1", "the last argument of metric() is the reference date to read, but it is a number")]
    [InlineData("check('v', ${region}) == 'OK'", "the last argument of check() is the reference date to read, but it is a text")]
    [InlineData("check('v', ${nope}) == 'OK'", "${nope}, which is not a variable here")]
    public void Type_errors_are_found_before_running(string text, string expected)
    {
        var error = Assert.Throws<ConditionException>(() => Check(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check('volumetry') != 'ERROR'", true)]
    [InlineData("check('volumetry') >= 'WARNING'", true)]
    [InlineData("check('churn', 'volumetry') == 'ERROR'", true)]
    [InlineData("metric('row_count') > 1000 and ${threshold} == 3", true)]
    [InlineData("output('train', 'auc') > 0.8", false)]
    [InlineData("not (output('train', 'version') == 4)", false)]
    [InlineData("${date_ref} < today()", true)]
    [InlineData("status('train') == 'succeeded' or metric('row_count') < 0", true)]
    [InlineData("check('churn', 'volumetry', date('2026-01-31')) == 'OK'", true)]
    [InlineData("check('volumetry', ${date_ref}) == 'WARNING' and metric('row_count', date('2026-01-31')) == 9000", true)]
    public async Task Conditions_evaluate_on_typed_facts(string text, bool expected) =>
        Assert.Equal(expected, await ConditionEvaluator.EvaluateAsync(text, new Facts(), TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_check_that_never_ran_is_an_error_that_says_so()
    {
        var error = await Assert.ThrowsAsync<ConditionException>(() =>
            ConditionEvaluator.EvaluateAsync("check('never') == 'OK'", new Facts(), TestContext.Current.CancellationToken));
        Assert.Contains("the check 'never' has no result for the run's reference date (${date_ref}) 2026-02-28. Run the check for 2026-02-28",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check('churn', 'volumetry', date('2025-12-31')) == 'OK'", "the check 'volumetry' of churn has no result for 2025-12-31.")]
    [InlineData("metric('churn', 'row_count', date('2025-12-31')) > 0", "the metric 'row_count' of churn has no value for 2025-12-31.")]
    public async Task A_date_without_a_result_is_an_error_naming_the_check_the_score_and_the_date(string text, string expected)
    {
        var error = await Assert.ThrowsAsync<ConditionException>(() => ConditionEvaluator.EvaluateAsync(text, new Facts(), TestContext.Current.CancellationToken));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A run's facts as plain data, for the reference date 2026-02-28: the scenario's check is WARNING, churn's is
    /// ERROR; on 2026-01-31 churn's was OK and the row count 9000. No other date has results.
    /// </summary>
    private sealed class Facts : IConditionFacts
    {
        private static readonly DateOnly January = new(2026, 1, 31);

        public DateOnly Today => new(2026, 3, 4);

        public DateOnly ReferenceDate => new(2026, 2, 28);

        public TypedValue? Variable(string name) => name switch
        {
            "threshold" => TypedValue.Number(3),
            "date_ref" => TypedValue.Date(new DateOnly(2026, 2, 28)),
            _ => null,
        };

        public TypedValue? Output(string step, string key) => (step, key) switch
        {
            ("train", "auc") => TypedValue.Number(0.79),
            ("train", "version") => TypedValue.Number(4),
            _ => null,
        };

        public string? StepStatus(string step) => step == "train" ? "succeeded" : null;

        public Task<CheckLevel?> CheckAsync(string? score, string check, DateOnly referenceDate, CancellationToken ct) =>
            Task.FromResult<CheckLevel?>(check == "never" ? null
                : referenceDate == ReferenceDate ? score == "churn" ? CheckLevel.Error : CheckLevel.Warning
                : referenceDate == January && score == "churn" ? CheckLevel.Ok
                : null);

        public Task<double?> MetricAsync(string? score, string metric, DateOnly referenceDate, CancellationToken ct) =>
            Task.FromResult<double?>(referenceDate == ReferenceDate ? 10_034 : referenceDate == January ? 9_000 : null);
    }
}
