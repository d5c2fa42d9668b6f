using System.Text.Json;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Triggers;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios.Triggers;

public sealed class TriggerJsonTests
{
    public static TheoryData<TriggerDefinition> EveryKind =>
    [
        new WeeklyTrigger { Days = [DayOfWeek.Monday, DayOfWeek.Wednesday], Time = "11:40", TimeZone = "Europe/London" },
        new MonthlyTrigger { Day = 31, Time = "06:00" },
        new MonthlyTrigger { FirstWorkingDay = true, Time = "06:00", Holidays = [new DateOnly(2026, 6, 1), new DateOnly(2026, 12, 25)] },
        new DailyTrigger { Time = "06:00" },
        new HourlyTrigger { Minute = 15, TimeZone = "Asia/Kolkata" },
        new CronTrigger { Expression = "0 6 * * 1" },
        new ManualTrigger(),
    ];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_kind_round_trips(TriggerDefinition trigger) =>
        Assert.Equal(trigger, TriggerJson.Read(TriggerJson.Write(trigger)));

    [Fact]
    public void A_weekly_trigger_is_written_with_its_type_camel_case_names_and_lower_case_days()
    {
        var json = TriggerJson.Write(new WeeklyTrigger { Days = [DayOfWeek.Wednesday], Time = "11:40" });

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("weekly", root.GetProperty("type").GetString());
        Assert.Equal("wednesday", root.GetProperty("days")[0].GetString());
        Assert.Equal("11:40", root.GetProperty("time").GetString());
        Assert.Equal("Europe/Paris", root.GetProperty("timeZone").GetString());
    }

    [Fact]
    public void A_hand_written_file_may_put_the_type_last_and_leave_the_time_zone_out()
    {
        var trigger = TriggerJson.Read("""{ "firstWorkingDay": true, "time": "06:00", "holidays": ["2026-06-01"], "type": "monthly" }""");

        Assert.Equal(
            new MonthlyTrigger { FirstWorkingDay = true, Time = "06:00", Holidays = [new DateOnly(2026, 6, 1)] },
            trigger);
    }

    [Theory]
    [InlineData("""{ "type": "yearly", "time": "06:00" }""", "The trigger type \"yearly\" is unknown: use one of weekly, monthly, daily, hourly, cron, manual.")]
    [InlineData("""{ "time": "06:00" }""", "The trigger has no \"type\": use one of weekly, monthly, daily, hourly, cron, manual.")]
    [InlineData("""[ "weekly" ]""", "The trigger must be a JSON object with a \"type\" (use one of weekly, monthly, daily, hourly, cron, manual).")]
    public void A_missing_or_unknown_type_lists_the_kinds(string json, string message) =>
        Assert.Equal(message, Assert.Throws<CockpitValidationException>(() => TriggerJson.Read(json)).Message);

    [Fact]
    public void A_misspelt_day_or_field_is_refused_by_name()
    {
        var day = Assert.Throws<CockpitValidationException>(() => TriggerJson.Read("""{ "type": "weekly", "days": ["wensday"], "time": "11:40" }"""));
        var field = Assert.Throws<CockpitValidationException>(() => TriggerJson.Read("""{ "type": "daily", "tme": "11:40" }"""));

        Assert.Contains("\"wensday\" is not a day of the week", day.Message, StringComparison.Ordinal);
        Assert.Contains("tme", field.Message, StringComparison.Ordinal);
    }

    private sealed record Holder(TriggerDefinition Trigger, CatchUpPolicy CatchUp);

    [Fact]
    public void Inside_another_document_with_plain_web_options_days_and_policy_keep_their_lower_case_names()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var holder = new Holder(new WeeklyTrigger { Days = [DayOfWeek.Friday], Time = "07:00" }, CatchUpPolicy.Latest);

        var json = JsonSerializer.Serialize(holder, options);
        var back = JsonSerializer.Deserialize<Holder>(json, options);

        Assert.Contains("\"days\":[\"friday\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"catchUp\":\"latest\"", json, StringComparison.Ordinal);
        Assert.Equal(holder, back);
    }
}
