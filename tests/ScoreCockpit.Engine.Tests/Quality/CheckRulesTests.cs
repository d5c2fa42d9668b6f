using ScoreCockpit.Engine.Quality;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Quality;

public sealed class CheckRulesTests
{
    [Theory]
    [InlineData(100, CheckStatus.Ok)]
    [InlineData(90, CheckStatus.Ok)] // on the warning minimum: within
    [InlineData(89.9, CheckStatus.Warning)]
    [InlineData(80, CheckStatus.Warning)] // on the error minimum: only a warning
    [InlineData(79.9, CheckStatus.Error)]
    [InlineData(110, CheckStatus.Ok)]
    [InlineData(110.1, CheckStatus.Warning)]
    [InlineData(120.1, CheckStatus.Error)]
    public void Bounds_include_their_edges_and_error_wins_over_warning(double value, CheckStatus expected)
    {
        var outcome = CheckRules.Bounds("row_count", value, 90, 110, 80, 120);

        Assert.Equal(expected, outcome.Status);
        Assert.StartsWith("row_count ", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounds_on_one_side_only_and_a_missing_value_is_an_error()
    {
        Assert.Equal(CheckStatus.Ok, CheckRules.Bounds("null_rate", 1e9, null, null, 0, null).Status);
        Assert.Equal(CheckStatus.Error, CheckRules.Bounds("null_rate", -0.1, null, null, 0, null).Status);
        var missing = CheckRules.Bounds("null_rate", null, 0, 0.1, null, 0.2);
        Assert.Equal(CheckStatus.Error, missing.Status);
        Assert.Contains("no value", missing.Message, StringComparison.Ordinal);
        Assert.Contains("warning 0–0.1, error …–0.2", CheckRules.Bounds("null_rate", 0.05, 0, 0.1, null, 0.2).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drop_beyond_the_error_percent_says_how_much_against_what()
    {
        var outcome = CheckRules.Change("row_count", 7_012, 10_034, "the previous reference date", 10, 20);

        Assert.Equal(CheckStatus.Error, outcome.Status);
        Assert.Equal("row_count 7,012 is 30.1 % below the previous reference date (10,034); error beyond ±20 %.", outcome.Message);
    }

    [Theory]
    [InlineData(1_100, CheckStatus.Ok)] // exactly 10 %: on the limit is within
    [InlineData(900, CheckStatus.Ok)]
    [InlineData(1_101, CheckStatus.Warning)]
    [InlineData(799, CheckStatus.Error)]
    [InlineData(1_201, CheckStatus.Error)]
    public void Change_limits_apply_to_the_size_of_the_change_either_way(double value, CheckStatus expected)
    {
        var outcome = CheckRules.Change("row_count", value, 1_000, "the previous reference date", 10, 20);

        Assert.Equal(expected, outcome.Status);
        Assert.Contains(value > 1_000 ? "above" : "below", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_previous_value_is_ok_and_a_previous_zero_is_an_infinite_change()
    {
        var first = CheckRules.Change("row_count", 5, null, "the previous reference date", 10, 20);
        Assert.Equal(CheckStatus.Ok, first.Status);
        Assert.Contains("no previous value", first.Message, StringComparison.Ordinal);

        Assert.Equal(CheckStatus.Ok, CheckRules.Change("row_count", 0, 0, "x", 10, 20).Status);
        var fromZero = CheckRules.Change("row_count", 12, 0, "the previous reference date", 10, 20);
        Assert.Equal(CheckStatus.Error, fromZero.Status);
        Assert.Contains("had 0", fromZero.Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Warning, CheckRules.Change("row_count", 12, 0, "x", 10, null).Status);
        Assert.Equal(CheckStatus.Error, CheckRules.Change("row_count", null, 10, "x", 10, 20).Status);
        Assert.Null(CheckRules.ChangePercent(1, 0));
        Assert.Equal(50, CheckRules.ChangePercent(5, 10)!.Value, 9);
    }
}
