using FsCheck;
using FsCheck.Fluent;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Triggers;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Fuzzing;

/// <summary>
/// Triggers as written in a scenario file: JSON read, validated, then scheduled. Each stage returns or throws
/// CockpitValidationException with a message; a trigger that validates must also schedule.
/// </summary>
public sealed class TriggerFuzzTests
{
    private static readonly DateTimeOffset After = new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);

    private static readonly string[] Times = ["06:00", "23:59", "24:00", "02:30", "2:30", "06:00:00", "6h", "", " ", "99:99", "-1:00", "00:00", "12:60", "٠٦:٠٠"];

    private static readonly string[] Zones = ["Europe/Paris", "UTC", "America/New_York", "Etc/GMT+14", "Pacific/Kiritimati", "Australia/Lord_Howe",
        "Nowhere/Zone", "", "Europe/../../etc/passwd", "W. Europe Standard Time", "\0", "Europe/Paris ", "europe/paris"];

    private static readonly string[] Crons = ["0 6 * * 1", "* * * * *", "0 0 30 2 *", "0 0 31 4 *", "*/0 * * * *", "0 6 * * 8", "0 6 L * *",
        "0 6 ? * MON#5", "0 6 1W * *", "@daily", "@every", "0 0 0 0 0", "59 23 31 12 5", "* * * * * *", "0/1 * * * * *", "a b c d e",
        "0 6 * * 1-", "1-60 * * * *", "0 24 * * *", "", "0 0 29 2 1", "0 0 LW * *", "0 0 15W * ?", "0 0 ? * 7L", "0 0 * * * * *"];

    private static readonly Gen<string> Json = Gen.OneOf(
        Gen.Elements("weekly", "monthly", "daily", "hourly", "cron", "manual", "yearly", "", "Weekly").SelectMany(type =>
            from days in Gen.SubListOf(new[] { "monday", "sunday", "funday", "MONDAY", "1", "-3" }).Select(d => string.Join(",", d.Select(x => $"\"{x}\"")))
            from time in Gen.Elements(Times)
            from zone in Gen.Elements(Zones)
            from day in Gen.Elements("null", "1", "31", "0", "-1", "32", "2147483648", "\"5\"", "1.5")
            from working in Gen.Elements("true", "false", "null", "1")
            from minute in Gen.Elements("0", "59", "60", "-1", "1e3", "\"x\"")
            from cron in Gen.Elements(Crons)
            from holidays in Gen.Elements("[]", "[\"2026-05-01\"]", "[\"2026-02-30\"]", "[\"x\"]", "null", "[1]")
            from fields in Gen.SubListOf(new[]
            {
                $"\"days\": [{days}]", $"\"time\": \"{time}\"", $"\"timeZone\": \"{zone}\"", $"\"day\": {day}",
                $"\"firstWorkingDay\": {working}", $"\"minute\": {minute}", $"\"expression\": \"{cron}\"", $"\"holidays\": {holidays}",
                "\"extra\": 1", "\"type\": \"daily\"",
            })
            select "{" + string.Join(", ", fields.Prepend($"\"type\": \"{type}\"")) + "}"),
        Fuzz.Soup(["{", "}", "[", "]", "\"type\"", ":", ",", "\"cron\"", "\"weekly\"", "\"time\"", "\"06:00\"", "null", "1", "\"", " ", "\\u0000"]),
        Fuzz.AnyText);

    [Fact]
    public Task Any_trigger_json_reads_validates_and_schedules_or_says_what_is_wrong() =>
        Fuzz.RunAsync("trigger JSON", Json, json =>
            {
                var trigger = TriggerJson.Read(json);
                var problems = TriggerSchedule.Validate(trigger);
                Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
                if (problems.Count == 0)
                {
                    TriggerSchedule.NextN(trigger, After, 5);
                    TriggerSchedule.Between(trigger, After, After.AddDays(40), 50);
                    Assert.False(string.IsNullOrWhiteSpace(TriggerSchedule.Describe(trigger)));
                }
                else
                {
                    Assert.Throws<CockpitValidationException>(() => TriggerSchedule.Next(trigger, After));
                }

                return Task.CompletedTask;
            },
            json => json, suiteDefault: 2000, typeof(CockpitValidationException));

    [Fact]
    public Task Any_cron_text_and_wall_clock_time_validates_and_schedules_or_says_what_is_wrong() =>
        Fuzz.RunAsync("cron and wall-clock time",
            from cron in Gen.Frequency((3, Gen.Elements(Crons)), (3, Fuzz.Soup(["*", "/", "-", ",", "?", "L", "W", "#", " ", "0", "5", "59", "60", "31", "12",
                "MON", "JAN", "@", "hourly", "1-5", "*/15"])), (1, Fuzz.AnyText))
            from time in Gen.Frequency((3, Gen.Elements(Times)), (1, Fuzz.AnyText))
            from zone in Gen.Elements(Zones)
            select (cron, time, zone),
            c =>
            {
                Schedule(new CronTrigger { Expression = c.cron, TimeZone = c.zone });
                Schedule(new DailyTrigger { Time = c.time, TimeZone = c.zone });
                Schedule(new MonthlyTrigger { Day = 31, Time = c.time, TimeZone = c.zone });
                return Task.CompletedTask;
            },
            c => $"cron {c.cron} | time {c.time} | zone {c.zone}", suiteDefault: 1500, typeof(CockpitValidationException));

    [Fact]
    public void Regression_a_lone_surrogate_in_trigger_json_is_a_validation_error_not_an_argument_exception()
    {
        var error = Assert.Throws<CockpitValidationException>(() => TriggerJson.Read("{\"type\": \"manual\"}\uDFDD"));

        Assert.Contains("broken character", error.Message, StringComparison.Ordinal);
        var scenario = Assert.Throws<CockpitValidationException>(() => Engine.Scenarios.Definition.ScenarioJson.Read("{\"steps\": []}\uDFDD"));
        Assert.Contains("broken character", scenario.Message, StringComparison.Ordinal);
    }

    private static void Schedule(TriggerDefinition trigger)
    {
        if (TriggerSchedule.Validate(trigger).Count == 0)
        {
            TriggerSchedule.NextN(trigger, After, 3);
        }
        else
        {
            Assert.Throws<CockpitValidationException>(() => TriggerSchedule.Next(trigger, After));
        }
    }
}
