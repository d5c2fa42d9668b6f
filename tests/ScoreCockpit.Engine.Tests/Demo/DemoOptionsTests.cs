using Microsoft.Extensions.Time.Testing;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Settings;
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
        var clock = new CockpitClock(time, new CockpitTimeZone(TimeZoneInfo.Utc));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DemoOptions.ForToday(clock).LastReferenceDate);
    }

    [Fact]
    public void Today_is_counted_in_the_cockpit_time_zone_not_the_servers()
    {
        // 22:30 UTC on March 31st is already April 1st in Paris: March has ended there.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var clock = new CockpitClock(time, CockpitTimeZone.Resolve("Europe/Paris"));

        Assert.Equal(new DateOnly(2026, 4, 1), clock.Today);
        Assert.Equal(new DateOnly(2026, 3, 31), DemoOptions.ForToday(clock).LastReferenceDate);
        Assert.Equal(new DateOnly(2026, 4, 1), clock.DayOf(new DateTime(2026, 3, 31, 22, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 3, 31, 22, 0, 0, DateTimeKind.Utc), clock.StartOf(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void An_unknown_time_zone_setting_says_what_to_set()
    {
        var e = Assert.Throws<ScoreCockpit.Engine.Accounts.CockpitValidationException>(() => CockpitTimeZone.Resolve("Mars/Olympus"));
        Assert.Contains("Cockpit:TimeZone", e.Message, StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", e.Message, StringComparison.Ordinal);
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
