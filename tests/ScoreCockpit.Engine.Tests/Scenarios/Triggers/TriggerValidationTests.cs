using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Triggers;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios.Triggers;

public sealed class TriggerValidationTests
{
    public static TheoryData<TriggerDefinition> ValidTriggers =>
    [
        new WeeklyTrigger { Days = [DayOfWeek.Wednesday], Time = "11:40" },
        new MonthlyTrigger { Day = 31, Time = "00:00", TimeZone = "America/New_York" },
        new MonthlyTrigger { FirstWorkingDay = true, Time = "23:59", Holidays = [new DateOnly(2026, 1, 1)] },
        new DailyTrigger { Time = "06:00", TimeZone = "UTC" },
        new HourlyTrigger { Minute = 59 },
        new CronTrigger { Expression = "0 6 * * 1" },
        new CronTrigger { Expression = "0 0 6 1 * *" },
        new ManualTrigger(),
    ];

    public static TheoryData<TriggerDefinition, string> BadTriggers => new()
    {
        { new WeeklyTrigger { Days = [DayOfWeek.Monday], Time = "25:00" },
            "The time \"25:00\" is not a time of day: give it as HH:mm on a 24-hour clock, e.g. \"06:00\" or \"23:30\"." },
        { new DailyTrigger { Time = "6:00" },
            "The time \"6:00\" is not a time of day: give it as HH:mm on a 24-hour clock, e.g. \"06:00\" or \"23:30\"." },
        { new DailyTrigger(), "The time is missing: give it as HH:mm on a 24-hour clock, e.g. \"06:00\"." },
        { new WeeklyTrigger { Time = "11:40" }, "The days are empty: pick at least one day of the week, e.g. [\"wednesday\"]." },
        { new WeeklyTrigger { Days = [(DayOfWeek)9], Time = "11:40" }, "The days contain 9, which is not a day of the week: use monday to sunday." },
        { new MonthlyTrigger { Day = 0, Time = "06:00" },
            "The day 0 is not a day of the month: give 1 to 31 (a day past the month's end, such as 31, means its last day)." },
        { new MonthlyTrigger { Day = 32, Time = "06:00" },
            "The day 32 is not a day of the month: give 1 to 31 (a day past the month's end, such as 31, means its last day)." },
        { new MonthlyTrigger { Day = 1, FirstWorkingDay = true, Time = "06:00" },
            "The day (1) and firstWorkingDay are both set: keep only one of them." },
        { new MonthlyTrigger { Time = "06:00" },
            "Neither the day nor firstWorkingDay is set: give a day of the month (1 to 31) or set firstWorkingDay to true." },
        { new DailyTrigger { Time = "06:00", TimeZone = "Europe/Pariss" },
            "The time zone \"Europe/Pariss\" is unknown: give an IANA name such as Europe/Paris, Europe/London, America/New_York." },
        { new CronTrigger { Expression = "0 6 * * 1", TimeZone = " " },
            "The time zone is missing: give an IANA name such as Europe/Paris, Europe/London, America/New_York." },
        { new HourlyTrigger { Minute = 60 }, "The minute 60 is not a minute of the hour: give 0 to 59." },
        { new CronTrigger(),
            "The cron expression is missing: give 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, e.g. \"0 6 * * 1\" for Mondays at 06:00." },
        { new CronTrigger { Expression = "0 6 * *" },
            "The cron expression \"0 6 * *\" has 4 fields: give 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, e.g. \"0 6 * * 1\" for Mondays at 06:00." },
        { new CronTrigger { Expression = "0 0 30 2 *" },
            "The cron expression \"0 0 30 2 *\" never fires (no date matches its day and month fields): e.g. \"0 6 * * 1\" for Mondays at 06:00." },
    };

    [Theory]
    [MemberData(nameof(ValidTriggers))]
    public void A_valid_trigger_has_no_problem(TriggerDefinition trigger) => Assert.Empty(TriggerSchedule.Validate(trigger));

    [Theory]
    [MemberData(nameof(BadTriggers))]
    public void Each_bad_input_is_named_with_what_to_do(TriggerDefinition trigger, string message) =>
        Assert.Equal([message], TriggerSchedule.Validate(trigger));

    [Fact]
    public void A_cron_syntax_error_carries_the_parser_message_and_an_example()
    {
        var problem = Assert.Single(TriggerSchedule.Validate(new CronTrigger { Expression = "0 25 * * *" }));

        Assert.StartsWith("The cron expression \"0 25 * * *\" is not valid: ", problem, StringComparison.Ordinal);
        Assert.Contains("hour", problem, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("e.g. \"0 6 * * 1\" for Mondays at 06:00.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_and_scheduling_an_invalid_trigger_says_them_all()
    {
        var bad = new WeeklyTrigger { Time = "24:00", TimeZone = "Mars/Olympus" };

        Assert.Equal(3, TriggerSchedule.Validate(bad).Count);
        var error = Assert.Throws<CockpitValidationException>(() => TriggerSchedule.Next(bad, DateTimeOffset.UnixEpoch));
        Assert.StartsWith("The weekly trigger cannot be scheduled: The days are empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Mars/Olympus\" is unknown", error.Message, StringComparison.Ordinal);
    }
}
