using ScoreCockpit.Engine.Scenarios.Triggers;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios.Triggers;

public sealed class WeeklyTriggerTests
{
    private static readonly WeeklyTrigger Wednesdays = new() { Days = [DayOfWeek.Wednesday], Time = "11:40" };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Wednesdays_at_11_40_in_Paris_keep_the_wall_clock_time_across_both_daylight_saving_changes()
    {
        var spring = TriggerSchedule.NextN(Wednesdays, Utc(3, 20, 0, 0), 2);
        var autumn = TriggerSchedule.NextN(Wednesdays, Utc(10, 20, 0, 0), 2);

        // Winter time is UTC+1, summer time UTC+2: 11:40 in Paris is 10:40 then 09:40 UTC, and back.
        Assert.Equal([Utc(3, 25, 10, 40), Utc(4, 1, 9, 40)], spring);
        Assert.Equal([Utc(10, 21, 9, 40), Utc(10, 28, 10, 40)], autumn);
        Assert.All(spring.Concat(autumn), t => Assert.Equal(TimeSpan.Zero, t.Offset));
    }

    [Fact]
    public void Next_is_strictly_after_the_given_instant_whatever_its_offset()
    {
        var parisFireTime = new DateTimeOffset(2026, 3, 25, 11, 40, 0, TimeSpan.FromHours(1));

        Assert.Equal(Utc(4, 1, 9, 40), TriggerSchedule.Next(Wednesdays, parisFireTime));
        Assert.Equal(Utc(3, 25, 10, 40), TriggerSchedule.Next(Wednesdays, parisFireTime.AddTicks(-1)));
    }

    [Fact]
    public void A_time_skipped_when_clocks_go_forward_fires_once_at_the_end_of_the_gap()
    {
        var sundays = new WeeklyTrigger { Days = [DayOfWeek.Sunday], Time = "02:30" };

        var fires = TriggerSchedule.NextN(sundays, Utc(3, 21, 0, 0), 3);

        // 29 March 2026: 02:00 becomes 03:00 in Paris; 03:00 summer time is 01:00 UTC.
        Assert.Equal([Utc(3, 22, 1, 30), Utc(3, 29, 1, 0), Utc(4, 5, 0, 30)], fires);
    }

    [Fact]
    public void A_time_that_happens_twice_when_clocks_go_back_fires_once_at_its_first_occurrence()
    {
        var sundays = new WeeklyTrigger { Days = [DayOfWeek.Sunday], Time = "02:30" };
        var firstOccurrence = Utc(10, 25, 0, 30); // 02:30 summer time; 02:30 winter time is 01:30 UTC

        Assert.Equal([Utc(10, 18, 0, 30), firstOccurrence, Utc(11, 1, 1, 30)], TriggerSchedule.NextN(sundays, Utc(10, 17, 0, 0), 3));
        // Asked between the two 02:30s, the trigger does not fire again at the second one.
        Assert.Equal(Utc(11, 1, 1, 30), TriggerSchedule.Next(sundays, firstOccurrence.AddMinutes(30)));
    }

    [Theory]
    [InlineData("02:30")]
    [InlineData("02:00")]
    [InlineData("01:59")]
    [InlineData("03:00")]
    [InlineData("11:40")]
    public void On_daylight_saving_Sundays_weekly_fires_exactly_when_the_matching_cron_expression_does(string time)
    {
        var weekly = new WeeklyTrigger { Days = [DayOfWeek.Sunday, DayOfWeek.Wednesday], Time = time };
        var hhmm = TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var cron = new CronTrigger { Expression = $"{hhmm.Minute} {hhmm.Hour} * * 0,3" };

        var from = Utc(1, 1, 0, 0);
        var until = Utc(12, 31, 23, 59);

        Assert.Equal(TriggerSchedule.Between(cron, from, until), TriggerSchedule.Between(weekly, from, until));
    }

    [Fact]
    public void Several_days_fire_in_order_and_other_zones_use_their_own_rules()
    {
        var newYork = new WeeklyTrigger { Days = [DayOfWeek.Friday, DayOfWeek.Monday], Time = "09:00", TimeZone = "America/New_York" };

        // 8 March 2026 is the US spring change: EST (UTC-5) before, EDT (UTC-4) after.
        var fires = TriggerSchedule.Between(newYork, Utc(3, 5, 0, 0), Utc(3, 10, 0, 0));

        Assert.Equal([Utc(3, 6, 14, 0), Utc(3, 9, 13, 0)], fires);
    }

    [Fact]
    public void Between_stops_at_max_and_includes_its_end()
    {
        Assert.Equal(3, TriggerSchedule.Between(Wednesdays, Utc(1, 1, 0, 0), Utc(12, 31, 0, 0), max: 3).Count);
        Assert.Equal([Utc(3, 25, 10, 40)], TriggerSchedule.Between(Wednesdays, Utc(3, 20, 0, 0), Utc(3, 25, 10, 40)));
    }
}
