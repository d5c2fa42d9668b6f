using ScoreCockpit.Engine.Scenarios.Triggers;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios.Triggers;

public sealed class TriggerDescribeTests
{
    public static TheoryData<TriggerDefinition, string> Descriptions => new()
    {
        { new WeeklyTrigger { Days = [DayOfWeek.Wednesday], Time = "11:40" }, "Wednesdays at 11:40 (Europe/Paris)" },
        { new WeeklyTrigger { Days = [DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Wednesday], Time = "06:00" },
            "Mondays, Wednesdays and Fridays at 06:00 (Europe/Paris)" },
        { new WeeklyTrigger { Days = [DayOfWeek.Sunday, DayOfWeek.Saturday], Time = "09:30", TimeZone = "Europe/London" },
            "Saturdays and Sundays at 09:30 (Europe/London)" },
        { new WeeklyTrigger { Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], Time = "06:00" },
            "Monday to Friday at 06:00 (Europe/Paris)" },
        { new MonthlyTrigger { Day = 1, Time = "06:00" }, "The 1st of each month at 06:00 (Europe/Paris)" },
        { new MonthlyTrigger { Day = 22, Time = "06:00" }, "The 22nd of each month at 06:00 (Europe/Paris)" },
        { new MonthlyTrigger { Day = 13, Time = "06:00" }, "The 13th of each month at 06:00 (Europe/Paris)" },
        { new MonthlyTrigger { Day = 31, Time = "06:00" }, "The 31st of each month (its last day when shorter) at 06:00 (Europe/Paris)" },
        { new MonthlyTrigger { FirstWorkingDay = true, Time = "06:00" }, "The first working day of each month at 06:00 (Europe/Paris)" },
        { new MonthlyTrigger { FirstWorkingDay = true, Time = "06:00", Holidays = [new DateOnly(2026, 6, 1), new DateOnly(2026, 12, 25)] },
            "The first working day of each month (holidays excluded: 2) at 06:00 (Europe/Paris)" },
        { new DailyTrigger { Time = "23:30" }, "Every day at 23:30 (Europe/Paris)" },
        { new HourlyTrigger { Minute = 5 }, "Every hour at 05 minutes past (Europe/Paris)" },
        { new CronTrigger { Expression = "0 6 * * 1" }, "Cron 0 6 * * 1 (Europe/Paris)" },
        { new ManualTrigger(), "Manual only" },
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void Describe_says_when_in_words(TriggerDefinition trigger, string text) => Assert.Equal(text, TriggerSchedule.Describe(trigger));
}
