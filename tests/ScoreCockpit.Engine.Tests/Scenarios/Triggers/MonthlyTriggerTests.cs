using ScoreCockpit.Engine.Scenarios.Triggers;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios.Triggers;

public sealed class MonthlyTriggerTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_1st_at_06_00_fires_each_month_at_06_00_Paris_time()
    {
        var first = new MonthlyTrigger { Day = 1, Time = "06:00" };

        var fires = TriggerSchedule.NextN(first, Utc(2026, 1, 15, 0), 4);

        Assert.Equal([Utc(2026, 2, 1, 5), Utc(2026, 3, 1, 5), Utc(2026, 4, 1, 4), Utc(2026, 5, 1, 4)], fires);
    }

    [Fact]
    public void Day_31_means_the_last_day_in_shorter_months()
    {
        var last = new MonthlyTrigger { Day = 31, Time = "06:00" };

        Assert.Equal(
            [Utc(2026, 2, 28, 5), Utc(2026, 3, 31, 4), Utc(2026, 4, 30, 4)],
            TriggerSchedule.NextN(last, Utc(2026, 1, 31, 12), 3));
        Assert.Equal(Utc(2028, 2, 29, 5), TriggerSchedule.Next(last, Utc(2028, 2, 1, 0)));
    }

    [Fact]
    public void The_first_working_day_of_a_month_starting_on_Saturday_is_Monday_the_3rd()
    {
        var firstWorkingDay = new MonthlyTrigger { FirstWorkingDay = true, Time = "06:00" };

        // 1 August 2026 is a Saturday.
        Assert.Equal(Utc(2026, 8, 3, 4), TriggerSchedule.Next(firstWorkingDay, Utc(2026, 7, 15, 0)));
    }

    [Fact]
    public void A_holiday_on_the_first_Monday_moves_the_first_working_day_to_Tuesday()
    {
        var firstWorkingDay = new MonthlyTrigger
        {
            FirstWorkingDay = true,
            Time = "06:00",
            Holidays = [new DateOnly(2026, 6, 1), new DateOnly(2027, 1, 1)],
        };

        // 1 June 2026 is a Monday; 1 January 2027 is a Friday, so the next working day is Monday the 4th.
        Assert.Equal(Utc(2026, 6, 2, 4), TriggerSchedule.Next(firstWorkingDay, Utc(2026, 5, 20, 0)));
        Assert.Equal(Utc(2027, 1, 4, 5), TriggerSchedule.Next(firstWorkingDay, Utc(2026, 12, 20, 0)));
    }

    [Fact]
    public void A_fire_in_the_first_minutes_of_the_month_is_found_when_UTC_is_still_in_the_previous_month()
    {
        var justAfterMidnight = new MonthlyTrigger { Day = 1, Time = "00:30" };

        // 23:00 UTC on 28 February is midnight on 1 March in Paris.
        Assert.Equal(Utc(2026, 2, 28, 23, 30), TriggerSchedule.Next(justAfterMidnight, Utc(2026, 2, 28, 23)));
    }

    [Theory]
    [InlineData(25)] // 25 October 2026: clocks go back, 02:30 happens twice
    [InlineData(29)] // 29 March 2026: clocks go forward, 02:30 never happens
    public void On_daylight_saving_days_monthly_fires_when_the_matching_cron_expression_does(int day)
    {
        var monthly = new MonthlyTrigger { Day = day, Time = "02:30" };
        var cron = new CronTrigger { Expression = $"30 2 {day} * *" };
        var from = Utc(2026, 1, 1, 0);
        var until = Utc(2027, 1, 1, 0);

        // Cron skips a month without that day, where monthly uses the last day: compare the other months.
        var monthlyFires = TriggerSchedule.Between(monthly, from, until).Where(t => t.Month != 2).ToList();
        var cronFires = TriggerSchedule.Between(cron, from, until).Where(t => t.Month != 2);

        Assert.Equal(11, monthlyFires.Count);
        Assert.Equal(cronFires, monthlyFires);
        Assert.Contains(day == 25 ? Utc(2026, 10, 25, 0, 30) : Utc(2026, 3, 29, 1), monthlyFires);
    }
}
