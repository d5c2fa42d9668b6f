using System.Globalization;
using ScoreCockpit.Engine.Reporting;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Reporting;

/// <summary>The one date style: the same text for a day and a moment whatever the reader's culture, moments on the cockpit's clock.</summary>
public sealed class CockpitDatesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    [InlineData("de-DE")]
    [InlineData("")]
    public void A_day_and_a_moment_read_iso_in_every_culture_and_moments_are_on_the_cockpit_clock(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal("2025-11-01", CockpitDates.Day(new DateOnly(2025, 11, 1)));
            // 16:22 UTC on 3 December is 17:22 in Paris (winter time), on the 24-hour clock.
            var utc = new DateTime(2026, 12, 3, 16, 22, 5, DateTimeKind.Utc);
            Assert.Equal("2026-12-03 17:22", CockpitDates.Moment(utc, Paris));
            Assert.Equal("2026-12-03 17:22:05", CockpitDates.PreciseMoment(utc, Paris));
            Assert.Equal("17:22", CockpitDates.Time(utc, Paris));
            Assert.Equal("2026-12-03 16:22", CockpitDates.Moment(utc, TimeZoneInfo.Utc));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_stored_instant_is_utc_whatever_its_kind_and_the_day_follows_the_zone()
    {
        // SQLite hands instants back Unspecified: still UTC. 23:30 UTC on 31 December is already the next day in Paris.
        var stored = new DateTime(2025, 12, 31, 23, 30, 0, DateTimeKind.Unspecified);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 30, 0), CockpitDates.Local(stored, Paris));
        Assert.Equal("2026-01-01", CockpitDates.Day(stored, Paris));
        Assert.Equal("2025-12-31", CockpitDates.Day(stored, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Excel_and_plotly_get_the_same_style_in_their_own_notation()
    {
        var style = CockpitDates.For(CultureInfo.GetCultureInfo("en-US"));
        Assert.Equal(("yyyy-mm-dd", "yyyy-mm-dd hh:mm", "%Y-%m-%d"), (style.ExcelDay, style.ExcelMoment, style.PlotlyDay));
        Assert.Same(style, CockpitDates.For(CultureInfo.GetCultureInfo("fr-FR")));
    }
}
