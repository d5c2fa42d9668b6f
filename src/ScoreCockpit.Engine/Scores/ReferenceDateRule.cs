namespace ScoreCockpit.Engine.Scores;

public enum ReferenceDateKind
{
    /// <summary>The last day of every month: the monthly extract of most warehouses.</summary>
    MonthEnd,

    /// <summary>The first day of every month.</summary>
    MonthStart,

    /// <summary>One weekday every week (<see cref="ReferenceDateRule.Weekday"/>).</summary>
    Weekly,

    /// <summary>The distinct values of the reference-date column in <see cref="ReferenceDateRule.Table"/>: dates the data really has.</summary>
    Column,
}

/// <summary>How a score's reference dates are chosen; pickers, range builds and backfills offer only these dates.</summary>
public sealed record ReferenceDateRule
{
    public ReferenceDateKind Kind { get; init; } = ReferenceDateKind.MonthEnd;

    /// <summary>The day of the week of a weekly score.</summary>
    public DayOfWeek Weekday { get; init; } = DayOfWeek.Monday;

    /// <summary>For <see cref="ReferenceDateKind.Column"/>: the warehouse table whose reference-date column lists the dates.</summary>
    public string Table { get; init; } = "";

    /// <summary>The calendar dates of the rule from <paramref name="from"/> to <paramref name="to"/>; empty for a column rule.</summary>
    public IReadOnlyList<DateOnly> Calendar(DateOnly from, DateOnly to)
    {
        var dates = new List<DateOnly>();
        switch (Kind)
        {
            case ReferenceDateKind.MonthEnd or ReferenceDateKind.MonthStart:
                for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
                {
                    var date = Kind == ReferenceDateKind.MonthStart ? month : month.AddMonths(1).AddDays(-1);
                    if (date >= from && date <= to)
                    {
                        dates.Add(date);
                    }
                }

                break;
            case ReferenceDateKind.Weekly:
                var first = from.AddDays(((int)Weekday - (int)from.DayOfWeek + 7) % 7);
                for (var day = first; day <= to; day = day.AddDays(7))
                {
                    dates.Add(day);
                }

                break;
        }

        return dates;
    }

    /// <summary>Whether a date fits a calendar rule (a column rule accepts any date: the data decides).</summary>
    public bool Fits(DateOnly date) => Kind switch
    {
        ReferenceDateKind.MonthEnd => date.Day == DateTime.DaysInMonth(date.Year, date.Month),
        ReferenceDateKind.MonthStart => date.Day == 1,
        ReferenceDateKind.Weekly => date.DayOfWeek == Weekday,
        _ => true,
    };

    public string Describe() => Kind switch
    {
        ReferenceDateKind.MonthEnd => "month-ends",
        ReferenceDateKind.MonthStart => "first days of months",
        ReferenceDateKind.Weekly => $"every {Weekday}",
        _ => $"the dates in {Table}",
    };

    public IEnumerable<string> Problems()
    {
        if (Kind == ReferenceDateKind.Column && string.IsNullOrWhiteSpace(Table))
        {
            yield return "Reference dates read from the data need the table that holds the reference-date column (referenceDates.table), for example my_customers.";
        }
    }
}
