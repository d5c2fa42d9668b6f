using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

public sealed class LabelCalendarTests
{
    private static readonly DateOnly[] MonthEnds = Enumerable.Range(0, 30)
        .Select(i => new DateOnly(2024, 5, 31).AddMonths(i)).Select(d => new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)))
        .ToArray();

    [Theory]
    [InlineData(2, "2026-11-25")]
    [InlineData(3, "2026-11-25")]
    [InlineData(3, "2025-06-30")]
    [InlineData(1, "2024-12-31")]
    public void A_window_never_reads_a_snapshot_whose_labels_were_unknown_on_the_as_of_date(int horizon, string asOfText)
    {
        var asOf = DateOnly.Parse(asOfText, System.Globalization.CultureInfo.InvariantCulture);

        var window = LabelCalendar.Window(MonthEnds, horizon, asOf);

        foreach (var date in window.TrainingDates.Append(window.ValidationDate))
        {
            var end = date.AddMonths(horizon);
            Assert.True(new DateOnly(end.Year, end.Month, DateTime.DaysInMonth(end.Year, end.Month)) <= asOf, $"{date} leaks into {asOf}");
        }

        // And it takes the latest such dates: the next month-end is not labelled yet.
        var next = MonthEnds.FirstOrDefault(d => d > window.ValidationDate);
        if (next != default)
        {
            Assert.False(LabelCalendar.IsLabelled(next, horizon, asOf));
        }

        Assert.True(window.TrainingDates.Count <= LabelCalendar.DefaultWindow);
        Assert.True(window.TrainingDates.All(d => d < window.ValidationDate));
    }

    [Fact]
    public void Month_end_arithmetic_keeps_month_ends()
    {
        Assert.True(LabelCalendar.IsLabelled(new DateOnly(2025, 11, 30), 3, new DateOnly(2026, 2, 28)));
        Assert.False(LabelCalendar.IsLabelled(new DateOnly(2025, 11, 30), 3, new DateOnly(2026, 2, 27)));
        Assert.True(LabelCalendar.IsLabelled(new DateOnly(2025, 8, 31), 2, new DateOnly(2025, 10, 31)));
        Assert.False(LabelCalendar.IsLabelled(new DateOnly(2025, 8, 31), 2, new DateOnly(2025, 10, 30)));
    }

    [Fact]
    public void Too_few_labelled_dates_are_refused_with_the_rule()
    {
        var error = Assert.Throws<CockpitValidationException>(() => LabelCalendar.Window(MonthEnds, 3, new DateOnly(2024, 9, 1)));

        Assert.Contains("needs at least two snapshots", error.Message, StringComparison.Ordinal);
        Assert.Contains("there is one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_diff_names_added_removed_and_retyped_columns()
    {
        var before = new Dictionary<string, ColumnKind> { ["tenure"] = ColumnKind.Numeric, ["sms_count"] = ColumnKind.Numeric, ["plan"] = ColumnKind.Categorical };
        var after = new Dictionary<string, ColumnKind> { ["TENURE"] = ColumnKind.Numeric, ["plan"] = ColumnKind.Numeric, ["fiber_eligible"] = ColumnKind.Boolean };

        var diff = SchemaDiff.Compare(before, after);

        Assert.Equal(["fiber_eligible"], diff.Added);
        Assert.Equal(["sms_count"], diff.Removed);
        Assert.Equal([("plan", ColumnKind.Categorical, ColumnKind.Numeric)], diff.TypeChanged);
        Assert.Equal("added fiber_eligible; removed sms_count; changed plan Categorical→Numeric", diff.ToString());
        Assert.True(SchemaDiff.Compare(before, before).IsEmpty);
    }

    [Fact]
    public void A_thin_date_never_validates_the_latest_date_with_enough_rows_does()
    {
        var asOf = new DateOnly(2025, 11, 1);
        var plain = LabelCalendar.Window(MonthEnds, 2, asOf);
        var thin = new HashSet<DateOnly> { plain.ValidationDate };

        var window = LabelCalendar.Window(MonthEnds, 2, asOf, thin: thin);

        Assert.Equal(plain.TrainingDates[^1], window.ValidationDate);
        Assert.DoesNotContain(plain.ValidationDate, window.TrainingDates);
        Assert.True(window.TrainingDates[^1] < window.ValidationDate);
    }

    [Fact]
    public void When_every_labelled_date_but_the_first_is_thin_the_error_says_what_to_lower()
    {
        var asOf = new DateOnly(2024, 12, 1);
        var labelled = LabelCalendar.Labelled(MonthEnds, 2, asOf);

        var error = Assert.Throws<CockpitValidationException>(() => LabelCalendar.Window(MonthEnds, 2, asOf, thin: labelled.Skip(1).ToHashSet()));

        Assert.Contains("is thin", error.Message, StringComparison.Ordinal);
        Assert.Contains("thinDates", error.Message, StringComparison.Ordinal);
    }
}
