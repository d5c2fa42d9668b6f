using Microsoft.Extensions.Time.Testing;
using ScoreCockpit.Engine.Demo;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Demo;

public sealed class DemoOptionsTests
{
    [Theory]
    [InlineData("2026-03-14T09:30:00Z", "2026-02-28")]
    [InlineData("2026-03-31T22:00:00Z", "2026-02-28")]
    [InlineData("2024-03-01T00:00:00Z", "2024-02-29")]
    [InlineData("2027-01-05T12:00:00Z", "2026-12-31")]
    public void The_last_reference_date_is_the_last_month_end_before_today(string now, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DemoOptions.ForToday(time).LastReferenceDate);
    }

    [Fact]
    public void Thirty_month_ends_by_default_ending_on_the_last_reference_date()
    {
        var options = new DemoOptions(new DateOnly(2026, 2, 28));

        var dates = options.ReferenceDates();

        Assert.Equal(30, dates.Count);
        Assert.Equal(new DateOnly(2023, 9, 30), dates[0]);
        Assert.Equal(new DateOnly(2024, 2, 29), dates[5]);
        Assert.Equal(new DateOnly(2026, 2, 28), dates[^1]);
        Assert.All(dates, d => Assert.Equal(1, d.AddDays(1).Day));
        Assert.Equal(new DateOnly(2023, 8, 31), options.ReferenceDate(0));
        Assert.Equal((10_000, 20261125), (options.Customers, options.Seed));
    }

    [Theory]
    [InlineData(2026, 2, 27, 50_000, 30, "month-end")]
    [InlineData(2026, 2, 28, 0, 30, "customers")]
    [InlineData(2026, 2, 28, 50_000, 0, "monthly reference dates")]
    [InlineData(2026, 2, 28, 50_000, 241, "monthly reference dates")]
    public void Refuses_options_that_make_no_coherent_demo(int year, int month, int day, int customers, int months, string named)
    {
        var options = new DemoOptions(new DateOnly(year, month, day), customers, months);

        Assert.Contains(named, Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }
}
