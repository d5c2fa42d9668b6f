using System.Globalization;
using Microsoft.Extensions.Localization;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Web.Components.Pages.Scores;

/// <summary>
/// The words of a score's settings in the reader's language: horizon, reference-date rule, column kinds, variable
/// types and executions. What is stored keeps its English name; only what is shown changes.
/// </summary>
public static class ScoreWords
{
    public static string Horizon(LabelHorizon horizon, IStringLocalizer text) => horizon.InDays
        ? horizon.Amount == 1 ? text["HorizonDay"] : text["HorizonDays", horizon.Amount]
        : horizon.Amount == 0 ? text["HorizonSameMonth"] : horizon.Amount == 1 ? text["HorizonMonth"] : text["HorizonMonths", horizon.Amount];

    /// <summary>The rule in a few words ("month-ends", "every Monday"), as the engine's Describe() in English.</summary>
    public static string ReferenceDates(ReferenceDateRule rule, IStringLocalizer text) => rule.Kind switch
    {
        ReferenceDateKind.MonthEnd => text["RuleMonthEnd"],
        ReferenceDateKind.MonthStart => text["RuleMonthStart"],
        ReferenceDateKind.Weekly => text["RuleWeekly", Day(rule.Weekday)],
        _ => text["RuleColumn", rule.Table],
    };

    public static string Day(DayOfWeek day) => CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(day);

    public static string Kind(ColumnKind kind, IStringLocalizer text) => text["Kind" + kind];

    public static string Type(VariableType type, IStringLocalizer text) => text["Type" + type];

    public static string Execution(Execution execution, IStringLocalizer text) => text["Execution" + execution];
}
