using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Variables;

/// <summary>Variables the engine sets for every snapshot: the reference date and its derived forms.</summary>
public static class BuiltInVariables
{
    public const string DateRef = "date_ref";
    public const string DateRefYearMonth = "date_ref_yyyymm";
    public const string LabelEnd = "label_end";

    public static IReadOnlyList<string> Names { get; } = [DateRef, DateRefYearMonth, LabelEnd];

    public static IEnumerable<Variable> For(DateOnly referenceDate, Scores.LabelHorizon horizon) =>
    [
        Variable.Date(DateRef, referenceDate),
        Variable.Integer(DateRefYearMonth, (referenceDate.Year * 100) + referenceDate.Month),
        Variable.Date(LabelEnd, horizon.EndOf(referenceDate)),
    ];

    /// <summary>The reference date moved by whole months, staying on a month-end when it was one.</summary>
    public static DateOnly EndOfMonthAfter(DateOnly date, int months)
    {
        var moved = date.AddMonths(months);
        var isMonthEnd = date.Day == DateTime.DaysInMonth(date.Year, date.Month);
        return isMonthEnd ? new DateOnly(moved.Year, moved.Month, DateTime.DaysInMonth(moved.Year, moved.Month)) : moved;
    }

    /// <summary>Run overrides score, which overrides global; built-ins cannot be overridden.</summary>
    public static IReadOnlyDictionary<string, Variable> Resolve(
        IEnumerable<Variable> global, IEnumerable<Variable> score, IEnumerable<Variable> run, IEnumerable<Variable> builtIns)
    {
        var resolved = new Dictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var variable in global.Concat(score).Concat(run))
        {
            resolved[variable.Name] = variable;
        }

        foreach (var builtIn in builtIns)
        {
            if (resolved.TryGetValue(builtIn.Name, out var overridden) && overridden.Value != builtIn.Value)
            {
                throw new CockpitValidationException(
                    $"The variable {builtIn.Name} is set by the engine for each reference date; remove it from your variables.");
            }

            resolved[builtIn.Name] = builtIn;
        }

        return resolved;
    }
}
