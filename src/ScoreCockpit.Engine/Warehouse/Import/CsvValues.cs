namespace ScoreCockpit.Engine.Warehouse.Import;

internal enum CsvNumberShape
{
    NotANumber,
    Integer,
    Decimal,
    LeadingZero,
}

internal static class CsvValues
{
    /// <summary>
    /// -?(0|[1-9][0-9]*) is an integer; with .[0-9]+ and/or an exponent [eE][+-]?[0-9]+ it is a decimal. No plus sign,
    /// no thousands separator, no bare ".5" or "5.", and a leading zero before more digits makes it a code, not a number.
    /// </summary>
    public static CsvNumberShape NumberShape(ReadOnlySpan<char> s) => NumberShape(s, '.');

    /// <summary>As above with <paramref name="separator"/> (a point or a comma) before the decimals.</summary>
    public static CsvNumberShape NumberShape(ReadOnlySpan<char> s, char separator)
    {
        var i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        var digits = Digits(s, i);
        if (digits == 0)
        {
            return CsvNumberShape.NotANumber;
        }

        var leadingZero = digits > 1 && s[i] == '0';
        i += digits;
        var isDecimal = false;
        if (i < s.Length && s[i] == separator)
        {
            var fraction = Digits(s, i + 1);
            if (fraction == 0)
            {
                return CsvNumberShape.NotANumber;
            }

            i += 1 + fraction;
            isDecimal = true;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            i += i < s.Length && s[i] is '+' or '-' ? 1 : 0;
            var exponent = Digits(s, i);
            if (exponent == 0)
            {
                return CsvNumberShape.NotANumber;
            }

            i += exponent;
            isDecimal = true;
        }

        return i != s.Length ? CsvNumberShape.NotANumber
            : leadingZero ? CsvNumberShape.LeadingZero
            : isDecimal ? CsvNumberShape.Decimal
            : CsvNumberShape.Integer;
    }

    /// <summary>
    /// 1 to 3 digits (no leading zero), the separator, then exactly 3 digits: "1,234" or "-12.500", which a reader may
    /// take for a thousand-something as easily as for a decimal.
    /// </summary>
    public static bool LooksLikeThousands(ReadOnlySpan<char> s, char separator)
    {
        var i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        var digits = Digits(s, i);
        return digits is >= 1 and <= 3 && s[i] != '0' && i + digits < s.Length && s[i + digits] == separator
            && Digits(s, i + digits + 1) == 3 && i + digits + 4 == s.Length;
    }

    public static bool IsBooleanWord(ReadOnlySpan<char> s) =>
        s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase)
        || s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s.Equals("no", StringComparison.OrdinalIgnoreCase);

    private static int Digits(ReadOnlySpan<char> s, int from)
    {
        var n = 0;
        while (from + n < s.Length && char.IsAsciiDigit(s[from + n]))
        {
            n++;
        }

        return n;
    }
}
