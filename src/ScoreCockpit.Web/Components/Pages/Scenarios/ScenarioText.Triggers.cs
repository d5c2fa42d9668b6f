using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace ScoreCockpit.Web.Components.Pages.Scenarios;

public static partial class ScenarioText
{
    private static readonly string[] WeekDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>
    /// What started a run, or a trigger's description, in the reader's language. The engine writes them in English
    /// ("manual", "Wednesdays at 11:40 (Europe/Paris)", "… (catch-up for 2026-03-04 11:40 UTC)") and stores them so;
    /// a shape this does not know is shown as written.
    /// </summary>
    public static string Trigger(string trigger, IStringLocalizer? words = null)
    {
        var w = words ?? Default;
        return Translate(trigger, w) ?? trigger;
    }

    private static string? Translate(string text, IStringLocalizer w)
    {
        switch (text)
        {
            case "manual":
                return w["TriggerManual"];
            case "manual (command line)":
                return w["TriggerCommandLine"];
            case Engine.Api.StartScenarioRunHandler.Trigger:
                return w["TriggerApi"];
            case "Manual only":
                return w["TriggerManualOnly"];
        }

        if (CatchUpSuffix().Match(text) is { Success: true } catchUp)
        {
            return Translate(catchUp.Groups["inner"].Value, w) is { } inner ? w["TriggerCatchUp", inner, catchUp.Groups["at"].Value].Value : null;
        }

        if (DemoSuffix().Match(text) is { Success: true } demo)
        {
            return Translate(demo.Groups["inner"].Value, w) is { } inner ? w["TriggerDemo", inner].Value : null;
        }

        if (Missed().Match(text) is { Success: true } missed)
        {
            return w["TriggerMissed", missed.Groups["n"].Value];
        }

        if (Retry().Match(text) is { Success: true } retry)
        {
            return retry.Groups["step"].Success
                ? w["TriggerRetryInStep", retry.Groups["attempt"].Value, retry.Groups["run"].Value, retry.Groups["step"].Value]
                : w["TriggerRetry", retry.Groups["attempt"].Value, retry.Groups["run"].Value];
        }

        if (Hourly().Match(text) is { Success: true } hourly)
        {
            return w["TriggerHourly", hourly.Groups["minute"].Value, hourly.Groups["zone"].Value];
        }

        if (Cron().Match(text) is { Success: true } cron)
        {
            return w["TriggerCron", cron.Groups["expression"].Value, cron.Groups["zone"].Value];
        }

        if (At().Match(text) is { Success: true } at && When(at.Groups["when"].Value, w) is { } when)
        {
            return w["TriggerAt", when, at.Groups["time"].Value, at.Groups["zone"].Value];
        }

        return null;
    }

    /// <summary>The days part of a description: "Every day", "Mondays and Fridays", "The 3rd of each month"…</summary>
    private static string? When(string when, IStringLocalizer w)
    {
        switch (when)
        {
            case "Every day":
                return w["WhenEveryDay"];
            case "Monday to Friday":
                return w["WhenWeekdays"];
            case "No day":
                return w["WhenNoDay"];
            case "The first working day of each month":
                return w["WhenFirstWorkingDay"];
            case "No day of the month":
                return w["WhenNoMonthDay"];
        }

        if (Holidays().Match(when) is { Success: true } holidays)
        {
            return w["WhenFirstWorkingDayHolidays", holidays.Groups["n"].Value];
        }

        if (MonthDay().Match(when) is { Success: true } monthDay && int.TryParse(monthDay.Groups["day"].Value, out var day))
        {
            var suffix = monthDay.Groups["suffix"].Value;
            var ordinal = day == 1 ? w["OrdinalFirst"] : w["Ordinal" + char.ToUpperInvariant(suffix[0]) + suffix[1..], day];
            return monthDay.Groups["shorter"].Success ? w["WhenMonthDayShorter", ordinal] : w["WhenMonthDay", ordinal];
        }

        var names = when.Replace(" and ", ", ", StringComparison.Ordinal).Split(", ");
        if (names.Any(n => !WeekDays.Contains(n.EndsWith('s') ? n[..^1] : n) || !n.EndsWith('s')))
        {
            return null;
        }

        var shown = names.Select(n => (string)w["Day" + n[..^1]]).ToList();
        var list = shown.Count == 1 ? shown[0] : w["DaysAnd", string.Join(", ", shown.Take(shown.Count - 1)), shown[^1]];
        return w["WhenDays", list];
    }

    [GeneratedRegex(@"^(?<inner>.+) \(catch-up for (?<at>[^()]+) UTC\)$")]
    private static partial Regex CatchUpSuffix();

    [GeneratedRegex(@"^(?<inner>.+) \(demo history\)$")]
    private static partial Regex DemoSuffix();

    [GeneratedRegex(@"^(?<n>\d+) missed fire time\(s\)$")]
    private static partial Regex Missed();

    [GeneratedRegex(@"^retry (?<attempt>\d+) of run (?<run>\d+), interrupted(?: in step '(?<step>.*)')?$")]
    private static partial Regex Retry();

    [GeneratedRegex(@"^Every hour at (?<minute>\d+) minutes past \((?<zone>[^()]*)\)$")]
    private static partial Regex Hourly();

    [GeneratedRegex(@"^Cron (?<expression>.*) \((?<zone>[^()]*)\)$")]
    private static partial Regex Cron();

    [GeneratedRegex(@"^(?<when>.+) at (?<time>\S+) \((?<zone>[^()]*)\)$")]
    private static partial Regex At();

    [GeneratedRegex(@"^The first working day of each month \(holidays excluded: (?<n>\d+)\)$")]
    private static partial Regex Holidays();

    [GeneratedRegex(@"^The (?<day>\d+)(?<suffix>st|nd|rd|th) of each month(?<shorter> \(its last day when shorter\))?$")]
    private static partial Regex MonthDay();
}
