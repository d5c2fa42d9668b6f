using ScoreCockpit.Engine.Settings;
namespace ScoreCockpit.Engine.Demo;

/// <summary>
/// What the demo telecom warehouse looks like: how many customers (everyone who was a customer at
/// some point in the window), how many monthly reference dates, the last of them (a month-end), and
/// the seed of every random draw. The same options always build the same tables.
/// </summary>
public sealed record DemoOptions(DateOnly LastReferenceDate, int Customers = DemoOptions.DefaultCustomers,
    int Months = DemoOptions.DefaultMonths, int Seed = DemoOptions.DefaultSeed)
{
    /// <summary>Sized so the whole demo history (every monthly version and its evaluations) builds within two minutes on two cores.</summary>
    public const int DefaultCustomers = 10_000;
    public const int DefaultMonths = 30;

    /// <summary>The fewest months a demo with a history may have: a year for the first versions to learn from.</summary>
    public const int MinMonthsWithHistory = 12;
    public const int DefaultSeed = 20261125;
    public const int MaxCustomers = 50_000_000;
    public const int MaxMonths = 240;

    /// <summary>The default demo whose last reference date is the last month-end before today.</summary>
    public static DemoOptions ForToday(CockpitClock clock) => new(LastMonthEndBefore(clock));

    /// <summary>The end of the month before the current one, in local time: on 14 March, 28 or 29 February.</summary>
    public static DateOnly LastMonthEndBefore(CockpitClock clock)
    {
        var today = clock.Today;
        return new DateOnly(today.Year, today.Month, 1).AddDays(-1);
    }

    /// <summary>The month-ends from the first to the last reference date, oldest first.</summary>
    public IReadOnlyList<DateOnly> ReferenceDates()
    {
        Validate();
        return Enumerable.Range(1, Months).Select(ReferenceDate).ToList();
    }

    /// <summary>
    /// The month-end of month <paramref name="month"/>: 1 is the first reference date, <see cref="Months"/> the last;
    /// 0 and below are the history before the window.
    /// </summary>
    public DateOnly ReferenceDate(int month)
    {
        var first = new DateOnly(LastReferenceDate.Year, LastReferenceDate.Month, 1).AddMonths(month - Months);
        return first.AddMonths(1).AddDays(-1);
    }

    /// <summary>Refuses options that cannot make a coherent demo, naming the option and its allowed range.</summary>
    public void Validate()
    {
        if (LastReferenceDate.AddDays(1).Day != 1)
        {
            throw new ArgumentException($"The last reference date {LastReferenceDate:yyyy-MM-dd} must be a month-end.", nameof(LastReferenceDate));
        }

        if (Customers is < 1 or > MaxCustomers)
        {
            throw new ArgumentException($"The demo needs between 1 and {MaxCustomers:N0} customers, not {Customers}.", nameof(Customers));
        }

        if (Months is < 1 or > MaxMonths)
        {
            throw new ArgumentException($"The demo needs between 1 and {MaxMonths} monthly reference dates, not {Months}.", nameof(Months));
        }
    }
}
