using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scores;

public sealed class ScoreNameTests
{
    [Theory]
    [InlineData("churn", "churn")]
    [InlineData("  cross-sell ", "cross-sell")]
    [InlineData("renewal-2026", "renewal-2026")]
    public void Accepts_lower_case_names_with_digits_and_dashes(string given, string expected) =>
        Assert.Equal(expected, ScoreName.Validate(given));

    [Theory]
    [InlineData("Churn")]
    [InlineData("2fast")]
    [InlineData("cross sell")]
    [InlineData("churn;drop")]
    [InlineData("-churn")]
    public void Refuses_other_shapes_and_names_the_rule(string given)
    {
        var error = Assert.Throws<CockpitValidationException>(() => ScoreName.Validate(given));

        Assert.Contains($"'{given}' is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower-case letters, digits and dashes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_names_longer_than_the_column() =>
        Assert.Throws<CockpitValidationException>(() => ScoreName.Validate(new string('a', ScoreName.MaxLength + 1)));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Asks_for_a_name_when_there_is_none(string? given) =>
        Assert.Equal("Give the score a name, for example 'churn'.",
            Assert.Throws<CockpitValidationException>(() => ScoreName.Validate(given)).Message);
}
