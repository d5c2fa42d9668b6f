using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Variables;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

/// <summary>Horizons in days and the end of the same month, through the label calendar, the label maturity and ${label_end}.</summary>
public sealed class LabelHorizonTests
{
    [Theory]
    [InlineData("2026-01-15", 10, "2026-01-25")]
    [InlineData("2026-01-31", 30, "2026-03-02")]
    [InlineData("2024-02-28", 1, "2024-02-29")]
    public void A_horizon_in_days_ends_that_many_days_later(string date, int days, string end)
    {
        var (reference, expected) = (DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        var horizon = LabelHorizon.Days(days);

        Assert.Equal(expected, horizon.EndOf(reference));
        Assert.True(LabelCalendar.IsLabelled(reference, horizon, expected));
        Assert.False(LabelCalendar.IsLabelled(reference, horizon, expected.AddDays(-1)));
        Assert.Equal(expected, LabelMaturity.FinalOn(reference, horizon));
        Assert.Equal(LabelState.Pending, LabelMaturity.State(reference, horizon, expected.AddDays(-1)));
        Assert.Equal(expected.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            BuiltInVariables.For(reference, horizon).Single(v => v.Name == BuiltInVariables.LabelEnd).Value);
    }

    [Fact]
    public void A_horizon_of_zero_months_is_the_end_of_the_same_month()
    {
        var horizon = LabelHorizon.Months(0);

        Assert.Equal(new DateOnly(2026, 2, 28), horizon.EndOf(new DateOnly(2026, 2, 1)));
        Assert.Equal(new DateOnly(2026, 2, 28), horizon.EndOf(new DateOnly(2026, 2, 28)));
        // A monthly campaign score trained on March 1st validates on February, labelled the day before.
        var window = LabelCalendar.Window([new(2025, 12, 1), new(2026, 1, 1), new(2026, 2, 1)], horizon, new DateOnly(2026, 3, 1));
        Assert.Equal(new DateOnly(2026, 2, 1), window.ValidationDate);
        Assert.Equal("end of the same month", horizon.ToString());
    }

    [Fact]
    public void A_definition_reads_days_before_months_and_the_validator_bounds_both()
    {
        var definition = Support.ChurnWarehouse.Definition() with { HorizonDays = 45 };
        Assert.Equal(LabelHorizon.Days(45), definition.Horizon);
        Assert.Equal(LabelHorizon.Months(3), (definition with { HorizonDays = null }).Horizon);

        var days = Assert.Throws<Engine.Accounts.CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition with { HorizonDays = 0 }, ["churn_event"]));
        Assert.Contains("between 1 and 1100, not 0", days.Message, StringComparison.Ordinal);
        var months = Assert.Throws<Engine.Accounts.CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition with { HorizonDays = null, HorizonMonths = -1 }, []));
        Assert.Contains("between 0 and 36 months", months.Message, StringComparison.Ordinal);
        var window = Assert.Throws<Engine.Accounts.CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition with { TrainingWindow = 0 }, []));
        Assert.Contains("training window must hold 1 to 120 snapshots, not 0", window.Message, StringComparison.Ordinal);
    }
}
