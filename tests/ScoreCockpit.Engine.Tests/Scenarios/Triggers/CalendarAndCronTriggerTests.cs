using ScoreCockpit.Engine.Scenarios.Triggers;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios.Triggers;

public sealed class CalendarAndCronTriggerTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Cron_on_Mondays_at_06_00_follows_Paris_time_across_the_spring_change()
    {
        var mondays = new CronTrigger { Expression = "0 6 * * 1" };

        Assert.Equal([Utc(3, 23, 5), Utc(3, 30, 4)], TriggerSchedule.NextN(mondays, Utc(3, 20, 0), 2));
    }

    [Fact]
    public void Cron_with_a_fixed_time_fires_once_on_both_change_days_and_an_interval_fires_every_real_half_hour()
    {
        var fixedTime = new CronTrigger { Expression = "30 2 * * *" };
        var interval = new CronTrigger { Expression = "*/30 * * * *" };

        Assert.Equal(Utc(3, 29, 1), TriggerSchedule.Next(fixedTime, Utc(3, 28, 12)));
        Assert.Equal([Utc(10, 25, 0, 30)], TriggerSchedule.Between(fixedTime, Utc(10, 24, 23), Utc(10, 25, 3)));
        // Cronos counts *, - and / as intervals: both copies of the repeated hour fire.
        Assert.Equal(
            [Utc(10, 25, 0), Utc(10, 25, 0, 30), Utc(10, 25, 1), Utc(10, 25, 1, 30)],
            TriggerSchedule.Between(interval, Utc(10, 24, 23, 59), Utc(10, 25, 1, 30)));
    }

    [Fact]
    public void Cron_takes_six_fields_with_seconds_first_and_macros()
    {
        Assert.Equal(Utc(6, 1, 4, 0, 30), TriggerSchedule.Next(new CronTrigger { Expression = "30 0 6 * * *" }, Utc(5, 31, 12)));
        Assert.Equal(Utc(6, 1, 22), TriggerSchedule.Next(new CronTrigger { Expression = "@daily" }, Utc(6, 1, 12)));
    }

    [Fact]
    public void Daily_fires_every_day_at_the_same_wall_clock_time()
    {
        var daily = new DailyTrigger { Time = "06:00" };

        Assert.Equal([Utc(3, 28, 5), Utc(3, 29, 4), Utc(3, 30, 4)], TriggerSchedule.NextN(daily, Utc(3, 27, 12), 3));
    }

    [Fact]
    public void Hourly_fires_once_per_real_hour_through_both_changes()
    {
        var hourly = new HourlyTrigger { Minute = 15 };

        var spring = TriggerSchedule.Between(hourly, Utc(3, 28, 23), Utc(3, 29, 22));
        var autumn = TriggerSchedule.Between(hourly, Utc(10, 24, 22), Utc(10, 25, 23));

        // Each window is one Paris day: 23 real hours in March, 25 in October; a fire every 60 minutes throughout.
        Assert.Equal(23, spring.Count);
        Assert.Equal(25, autumn.Count);
        Assert.All(spring.Zip(spring.Skip(1)).Concat(autumn.Zip(autumn.Skip(1))), p => Assert.Equal(TimeSpan.FromHours(1), p.Second - p.First));
        Assert.All(spring, t => Assert.Equal(15, t.Minute));
    }

    [Fact]
    public void Hourly_minute_is_read_on_the_zone_clock()
    {
        var kolkata = new HourlyTrigger { Minute = 0, TimeZone = "Asia/Kolkata" };

        // India is UTC+05:30: the top of its hour is half past in UTC.
        Assert.Equal(Utc(6, 1, 10, 30), TriggerSchedule.Next(kolkata, Utc(6, 1, 10)));
        Assert.Equal(Utc(6, 1, 11, 30), TriggerSchedule.Next(kolkata, Utc(6, 1, 10, 30)));
    }

    [Fact]
    public void Hourly_stays_on_its_minute_when_the_clock_moves_by_half_an_hour()
    {
        // Lord Howe Island moves from +10:30 to +11:00 at 02:00 local on 4 October 2026 (15:30 UTC on the 3rd):
        // 01:15 is followed by 03:15, since 02:15 never happens there.
        var lordHowe = new HourlyTrigger { Minute = 15, TimeZone = "Australia/Lord_Howe" };
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe");

        var fires = TriggerSchedule.Between(lordHowe, Utc(10, 3, 13), Utc(10, 3, 18));

        Assert.Equal([Utc(10, 3, 13, 45), Utc(10, 3, 14, 45), Utc(10, 3, 16, 15), Utc(10, 3, 17, 15)], fires);
        Assert.Equal([0, 1, 3, 4], fires.Select(t => TimeZoneInfo.ConvertTime(t, zone).Hour));
        Assert.All(fires, t => Assert.Equal(15, TimeZoneInfo.ConvertTime(t, zone).Minute));
    }

    [Fact]
    public void Manual_never_fires_by_time()
    {
        var manual = new ManualTrigger();

        Assert.Null(TriggerSchedule.Next(manual, Utc(1, 1, 0)));
        Assert.Empty(TriggerSchedule.NextN(manual, Utc(1, 1, 0), 10));
        Assert.Empty(TriggerSchedule.Between(manual, Utc(1, 1, 0), Utc(12, 31, 0)));
    }
}
