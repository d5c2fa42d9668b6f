using System.Globalization;
using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>
/// Dates written the way people say them, relative to the run's day: today, yesterday, 2026-01-31, ${date_ref},
/// "last wednesday" (the latest Wednesday strictly before today), "latest wednesday" (today when it is one),
/// "next monday", "first day of this month", "last day of previous month", "previous month" (its first day),
/// "end of previous month"; each may be followed by offsets such as "+ 7 days", "- 1 month", "+ 2 weeks".
/// </summary>
public static partial class DateExpressions
{
    public const string Examples = "today, last wednesday, first day of this month, previous month, last day of previous month, ${date_ref} - 1 month, 2026-01-31";

    public static DateOnly Evaluate(string expression, DateOnly today, Func<string, DateOnly?> variable)
    {
        var text = expression.Trim().ToLowerInvariant();
        var offsets = Offset().Matches(text);
        var baseText = offsets.Count > 0 ? text[..offsets[0].Index].Trim() : text;
        if (offsets.Count > 0 && offsets[^1].Index + offsets[^1].Length != text.Length || offsets.Cast<Match>().Zip(offsets.Cast<Match>().Skip(1)).Any(p => p.First.Index + p.First.Length != p.Second.Index))
        {
            throw Invalid(expression);
        }

        var date = Base(baseText, today, variable, expression);
        foreach (Match offset in offsets)
        {
            var amount = int.Parse(offset.Groups["n"].Value, CultureInfo.InvariantCulture) * (offset.Groups["sign"].Value == "-" ? -1 : 1);
            date = offset.Groups["unit"].Value switch
            {
                var u when u.StartsWith("day", StringComparison.Ordinal) => date.AddDays(amount),
                var u when u.StartsWith("week", StringComparison.Ordinal) => date.AddDays(7 * amount),
                var u when u.StartsWith("month", StringComparison.Ordinal) => date.AddMonths(amount),
                _ => date.AddYears(amount),
            };
        }

        return date;
    }

    /// <summary>Checks an expression when a scenario is saved; date variables are known by name only.</summary>
    public static void Validate(string expression, IReadOnlySet<string> dateVariables) =>
        Evaluate(expression, new DateOnly(2026, 1, 14), name => dateVariables.Contains(name) ? new DateOnly(2026, 1, 14) : null);

    private static DateOnly Base(string text, DateOnly today, Func<string, DateOnly?> variable, string expression)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var literal))
        {
            return literal;
        }

        if (Variable().Match(text) is { Success: true } v)
        {
            var name = v.Groups["name"].Value;
            return variable(name) ?? throw new CockpitValidationException(
                $"The date expression '{expression}' uses ${{{name}}}, which is not a date variable here. Define it first (a set-variables step or a score/global variable of type date).");
        }

        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        switch (text)
        {
            case "today": return today;
            case "yesterday": return today.AddDays(-1);
            case "tomorrow": return today.AddDays(1);
            case "first day of this month" or "this month": return thisMonth;
            case "first day of previous month" or "first day of last month" or "previous month" or "last month": return thisMonth.AddMonths(-1);
            case "first day of next month" or "next month": return thisMonth.AddMonths(1);
            case "last day of this month" or "end of this month": return thisMonth.AddMonths(1).AddDays(-1);
            case "last day of previous month" or "last day of last month" or "end of previous month" or "end of last month": return thisMonth.AddDays(-1);
            case "last day of next month" or "end of next month": return thisMonth.AddMonths(2).AddDays(-1);
        }

        if (Weekday().Match(text) is { Success: true } w && Enum.TryParse<DayOfWeek>(w.Groups["day"].Value, true, out var day))
        {
            var back = ((int)today.DayOfWeek - (int)day + 7) % 7;
            return w.Groups["which"].Value switch
            {
                "last" => today.AddDays(back == 0 ? -7 : -back),
                "latest" => today.AddDays(-back),
                _ => today.AddDays(((int)day - (int)today.DayOfWeek + 7) % 7 is var ahead && ahead == 0 ? 7 : ahead),
            };
        }

        throw Invalid(expression);
    }

    private static CockpitValidationException Invalid(string expression) =>
        new($"'{expression}' is not a date expression. Write one of: {Examples}.");

    [GeneratedRegex(@"\s*(?<sign>[+-])\s*(?<n>\d{1,4})\s*(?<unit>days?|weeks?|months?|years?)\b")]
    private static partial Regex Offset();

    [GeneratedRegex(@"^\$\{\s*(?<name>[a-z_][a-z0-9_]*)\s*\}$")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^(?<which>last|latest|next)\s+(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)$")]
    private static partial Regex Weekday();
}
