using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>The order of day and month in a slash-separated date column.</summary>
public enum CsvDateOrder
{
    Iso,
    DayFirst,
    MonthFirst,
}

/// <summary>How a column's decimals may be read: the file-level choice the importer made before deciding each column.</summary>
internal enum CsvDecimalReading
{
    /// <summary>A decimal point only (asked for).</summary>
    Point,

    /// <summary>A decimal comma only (asked for).</summary>
    Comma,

    /// <summary>Not asked, in a file not delimited by semicolons: a point, and a column that would be numbers with commas is refused.</summary>
    AutoPoint,

    /// <summary>Not asked, in a file delimited by semicolons: a comma or a point, the same in every value of a column.</summary>
    AutoSemicolons,
}

/// <summary>
/// A column's type and how to cast it. <paramref name="DecimalComma"/>: its decimals are written with a comma.
/// <paramref name="PointDecimals"/>: some of its decimals are written with a point. <paramref name="Ambiguity"/>: why the
/// decimal separator cannot be told from the values (the column must not be imported until the person says).
/// </summary>
internal readonly record struct CsvColumnDecision(
    CsvColumnType Type, CsvDateOrder DateOrder, string? Note, bool DecimalComma = false, bool PointDecimals = false, string? Ambiguity = null);

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

    private static readonly NumberFormatInfo CommaNumbers =
        NumberFormatInfo.ReadOnly(new NumberFormatInfo { NumberDecimalSeparator = ",", NegativeSign = "-" });

    private bool integer = true;
    private bool number = true;
    private bool commaNumber = true;
    private bool eitherNumber = true;
    private bool pointThousandsOnly = true;
    private bool commaThousandsOnly = true;
    private string? pointExample;
    private string? commaExample;
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

    private bool AnyTypeLeft => eitherNumber || boolean || isoDate || timestamp || dayFirst || monthFirst;

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
        if (eitherNumber)
        {
            ObserveNumber(value);
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

    /// <summary>
    /// Whether the value is a number read with a decimal point (as always), with a decimal comma, or either; and which
    /// separator it shows, for the decision and for an example in a refusal.
    /// </summary>
    private void ObserveNumber(ReadOnlySpan<char> value)
    {
        var shape = CsvValues.NumberShape(value);
        sawLeadingZero |= (integer || number) && shape == CsvNumberShape.LeadingZero;
        integer &= shape == CsvNumberShape.Integer && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        var pointNumber = (shape == CsvNumberShape.Integer && value.Length < 300)
            || (shape == CsvNumberShape.Decimal
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d));
        number &= pointNumber;
        var hasPoint = pointNumber && value.Contains('.');
        var commaDecimal = !pointNumber && value.Contains(',') && CsvValues.NumberShape(value, ',') == CsvNumberShape.Decimal
            && double.TryParse(value, NumberStyles.Float, CommaNumbers, out var c) && double.IsFinite(c);
        commaNumber &= (pointNumber && !hasPoint) || commaDecimal;
        eitherNumber &= pointNumber || commaDecimal;
        if (hasPoint)
        {
            pointExample ??= value.ToString();
            pointThousandsOnly &= CsvValues.LooksLikeThousands(value, '.');
        }

        if (commaDecimal)
        {
            commaExample ??= value.ToString();
            commaThousandsOnly &= CsvValues.LooksLikeThousands(value, ',');
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
        var decision = Decide(CsvDecimalReading.Point);
        return (decision.Type, decision.DateOrder, decision.Note);
    }

    /// <summary>As above, with the decimals read as <paramref name="reading"/> allows.</summary>
    public CsvColumnDecision Decide(CsvDecimalReading reading)
    {
        if (values == 0)
        {
            return new(CsvColumnType.Text, CsvDateOrder.Iso, "no values: kept as text");
        }

        if (integer)
        {
            return new(CsvColumnType.Integer, CsvDateOrder.Iso, null);
        }

        if (DecideNumber(reading) is { } numeric)
        {
            return numeric;
        }

        return DecideOther();
    }

    /// <summary>The column as numbers, a refusal when its decimal separator cannot be told, or null when it is not numbers.</summary>
    private CsvColumnDecision? DecideNumber(CsvDecimalReading reading)
    {
        var pointDouble = new CsvColumnDecision(CsvColumnType.Double, CsvDateOrder.Iso, null, PointDecimals: pointExample is not null);
        var commaDouble = new CsvColumnDecision(CsvColumnType.Double, CsvDateOrder.Iso, null, DecimalComma: true);
        switch (reading)
        {
            case CsvDecimalReading.Point:
                return number ? pointDouble : null;
            case CsvDecimalReading.Comma:
                return commaNumber ? commaDouble : null;
            case CsvDecimalReading.AutoPoint:
                return number ? pointDouble
                    : !eitherNumber || commaExample is null ? null
                    : pointExample is not null ? Mixed()
                    : commaThousandsOnly ? Thousands(commaExample, ',')
                    : Ambiguous($"has values such as \"{commaExample}\" that are numbers only with a decimal comma, in a file not delimited by semicolons");
            default:
                if (!eitherNumber)
                {
                    return null;
                }

                if (commaExample is not null && pointExample is not null)
                {
                    return Mixed();
                }

                return commaExample is not null
                    ? (commaThousandsOnly ? Thousands(commaExample, ',') : commaDouble)
                    : (pointExample is not null && pointThousandsOnly ? Thousands(pointExample, '.') : pointDouble);
        }
    }

    private CsvColumnDecision Mixed() => Ambiguous($"mixes decimal points and decimal commas (\"{pointExample}\" and \"{commaExample}\")");

    private static CsvColumnDecision Ambiguous(string why) => new(CsvColumnType.Text, CsvDateOrder.Iso, null, Ambiguity: why);

    private static CsvColumnDecision Thousands(string example, char separator) => Ambiguous(
        $"has values such as \"{example}\" only, which could be a whole number with a thousands separator or a decimal with a decimal {(separator == ',' ? "comma" : "point")}");

    private CsvColumnDecision DecideOther()
    {
        if (boolean && sawBooleanWord)
        {
            return new(CsvColumnType.Boolean, CsvDateOrder.Iso, null);
        }

        if (isoDate)
        {
            return new(CsvColumnType.Date, CsvDateOrder.Iso, null);
        }

        if (timestamp)
        {
            return new(CsvColumnType.Timestamp, CsvDateOrder.Iso, null);
        }

        if (dayFirst && sawDayAbove12)
        {
            return new(CsvColumnType.Date, CsvDateOrder.DayFirst, "dates read as dd/MM/yyyy");
        }

        if (monthFirst && sawMonthAbove12)
        {
            return new(CsvColumnType.Date, CsvDateOrder.MonthFirst, "dates read as MM/dd/yyyy");
        }

        if (dayFirst || monthFirst)
        {
            return new(CsvColumnType.Text, CsvDateOrder.Iso,
                "kept as text: no date shows whether the day or the month comes first (use yyyy-MM-dd)");
        }

        return new(CsvColumnType.Text, CsvDateOrder.Iso,
            sawLeadingZero && !number ? "kept as text: some numbers have leading zeros (codes such as 007 keep them)" : null);
    }

    /// <summary>Values stored as NULL: empty fields, and blank ones unless the column is text.</summary>
    public long NullCount(CsvColumnType type) => type == CsvColumnType.Text ? empty : empty + blank;
}
