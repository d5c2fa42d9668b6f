using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>The order of day and month in a slash-separated date column.</summary>
public enum CsvDateOrder
{
    Iso,
    DayFirst,
    MonthFirst,
}

/// <summary>
/// What every value of one column allows. Each value rules types out (it never brings one back), so the
/// column gets the narrowest type all of its values fit: Integer, Double, Boolean, Date, Timestamp, else Text.
/// Values are trimmed of spaces first; an empty or blank value is NULL and rules nothing out.
/// </summary>
internal sealed class CsvColumnProfile
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF",
    ];

    private bool integer = true;
    private bool number = true;
    private bool boolean = true;
    private bool isoDate = true;
    private bool timestamp = true;
    private bool dayFirst = true;
    private bool monthFirst = true;
    private bool sawBooleanWord;
    private bool sawDayAbove12;
    private bool sawMonthAbove12;
    private bool sawLeadingZero;
    private long values;
    private long empty;
    private long blank;

    private bool AnyTypeLeft => integer || number || boolean || isoDate || timestamp || dayFirst || monthFirst;

    public void Observe(string? raw)
    {
        if (raw is null)
        {
            empty++;
            return;
        }

        if (!AnyTypeLeft)
        {
            return;
        }

        var value = raw.AsSpan().Trim(' ');
        if (value.IsEmpty)
        {
            blank++;
            return;
        }

        values++;
        if (integer || number)
        {
            var shape = CsvValues.NumberShape(value);
            sawLeadingZero |= shape == CsvNumberShape.LeadingZero;
            integer &= shape == CsvNumberShape.Integer && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            number &= (shape == CsvNumberShape.Integer && value.Length < 300)
                || (shape == CsvNumberShape.Decimal
                    && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d));
        }

        if (boolean)
        {
            var word = CsvValues.IsBooleanWord(value);
            sawBooleanWord |= word;
            boolean &= word || value is "0" or "1";
        }

        if (isoDate || timestamp)
        {
            var date = value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
            isoDate &= date;
            timestamp &= date || DateTime.TryParseExact(value, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        }

        if (dayFirst || monthFirst)
        {
            ObserveSlashDate(value);
        }
    }

    private void ObserveSlashDate(ReadOnlySpan<char> value)
    {
        if (value.Length != 10 || value[2] != '/' || value[5] != '/'
            || !int.TryParse(value[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(value[3..5], NumberStyles.None, CultureInfo.InvariantCulture, out var second)
            || !int.TryParse(value[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            dayFirst = monthFirst = false;
            return;
        }

        dayFirst &= IsDate(year, second, first);
        monthFirst &= IsDate(year, first, second);
        sawDayAbove12 |= first > 12;
        sawMonthAbove12 |= second > 12;
    }

    private static bool IsDate(int year, int month, int day) =>
        year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>The column's type after every value was seen, the day/month order of its dates, and a note when a choice needs one.</summary>
    public (CsvColumnType Type, CsvDateOrder DateOrder, string? Note) Decide()
    {
        if (values == 0)
        {
            return (CsvColumnType.Text, CsvDateOrder.Iso, "no values: kept as text");
        }

        if (integer)
        {
            return (CsvColumnType.Integer, CsvDateOrder.Iso, null);
        }

        if (number)
        {
            return (CsvColumnType.Double, CsvDateOrder.Iso, null);
        }

        if (boolean && sawBooleanWord)
        {
            return (CsvColumnType.Boolean, CsvDateOrder.Iso, null);
        }

        if (isoDate)
        {
            return (CsvColumnType.Date, CsvDateOrder.Iso, null);
        }

        if (timestamp)
        {
            return (CsvColumnType.Timestamp, CsvDateOrder.Iso, null);
        }

        if (dayFirst && sawDayAbove12)
        {
            return (CsvColumnType.Date, CsvDateOrder.DayFirst, "dates read as dd/MM/yyyy");
        }

        if (monthFirst && sawMonthAbove12)
        {
            return (CsvColumnType.Date, CsvDateOrder.MonthFirst, "dates read as MM/dd/yyyy");
        }

        if (dayFirst || monthFirst)
        {
            return (CsvColumnType.Text, CsvDateOrder.Iso,
                "kept as text: no date shows whether the day or the month comes first (use yyyy-MM-dd)");
        }

        return (CsvColumnType.Text, CsvDateOrder.Iso,
            sawLeadingZero && !number ? "kept as text: some numbers have leading zeros (codes such as 007 keep them)" : null);
    }

    /// <summary>Values stored as NULL: empty fields, and blank ones unless the column is text.</summary>
    public long NullCount(CsvColumnType type) => type == CsvColumnType.Text ? empty : empty + blank;
}
