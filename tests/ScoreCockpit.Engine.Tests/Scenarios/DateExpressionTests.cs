using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Definition;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

public sealed class DateExpressionTests
{
    // A Wednesday.
    private static readonly DateOnly Today = new(2026, 3, 11);

    [Theory]
    [InlineData("today", "2026-03-11")]
    [InlineData("yesterday", "2026-03-10")]
    [InlineData("last wednesday", "2026-03-04")]
    [InlineData("latest wednesday", "2026-03-11")]
    [InlineData("last monday", "2026-03-09")]
    [InlineData("next wednesday", "2026-03-18")]
    [InlineData("first day of this month", "2026-03-01")]
    [InlineData("previous month", "2026-02-01")]
    [InlineData("last day of previous month", "2026-02-28")]
    [InlineData("end of this month", "2026-03-31")]
    [InlineData("first day of this month - 12 months", "2025-03-01")]
    [InlineData("today + 2 weeks - 1 day", "2026-03-24")]
    [InlineData("2026-01-31 + 1 month", "2026-02-28")]
    [InlineData("${date_ref} - 1 month", "2026-01-28")]
    [InlineData("  Last Wednesday ", "2026-03-04")]
    public void Expressions_read_as_people_say_them(string expression, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            DateExpressions.Evaluate(expression, Today, name => name == "date_ref" ? new DateOnly(2026, 2, 28) : null));

    [Theory]
    [InlineData("last wensday", "is not a date expression. Write one of: today, last wednesday")]
    [InlineData("today + 3 fortnights", "is not a date expression")]
    [InlineData("${nope} + 1 day", "${nope}, which is not a date variable here")]
    [InlineData("2026-02-30", "is not a date expression")]
    public void Bad_expressions_are_refused_with_examples(string expression, string expected)
    {
        var error = Assert.Throws<CockpitValidationException>(() => DateExpressions.Validate(expression, new HashSet<string> { "date_ref" }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
