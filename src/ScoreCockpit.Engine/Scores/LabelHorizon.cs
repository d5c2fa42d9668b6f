using System.Globalization;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scores;

/// <summary>
/// How long after a reference date its outcome is known: whole months (a month-end stays a month-end; 0 means the end
/// of the same month, as for a campaign whose outcome closes with the month) or days (an outcome known N days later).
/// The one rule for "labelled on", "final on" and `${label_end}`.
/// </summary>
public readonly record struct LabelHorizon
{
    private LabelHorizon(int amount, bool inDays)
    {
        Amount = amount;
        InDays = inDays;
    }

    public int Amount { get; }
    public bool InDays { get; }

    public static LabelHorizon Months(int months) => new(months, inDays: false);
    public static LabelHorizon Days(int days) => new(days, inDays: true);

    /// <summary>Most callers and tests speak of a horizon in months.</summary>
    public static implicit operator LabelHorizon(int months) => Months(months);

    /// <summary>The day the outcome of <paramref name="referenceDate"/> is known.</summary>
    public DateOnly EndOf(DateOnly referenceDate) => InDays
        ? referenceDate.AddDays(Amount)
        : Amount == 0
            ? new DateOnly(referenceDate.Year, referenceDate.Month, DateTime.DaysInMonth(referenceDate.Year, referenceDate.Month))
            : BuiltInVariables.EndOfMonthAfter(referenceDate, Amount);

    public override string ToString() => InDays
        ? Amount == 1 ? "1 day" : $"{Amount.ToString(CultureInfo.InvariantCulture)} days"
        : Amount == 0 ? "end of the same month" : Amount == 1 ? "1 month" : $"{Amount.ToString(CultureInfo.InvariantCulture)} months";
}
