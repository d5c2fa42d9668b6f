using System.Globalization;
using System.Text;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scoring.Export;

/// <summary>
/// How a CSV file is written for its reader. <see cref="Invariant"/> (a comma between fields, a decimal point) is what
/// scripts and other tools expect; <see cref="French"/> (a semicolon, a decimal comma) is what Excel set to French opens
/// into columns. Both are UTF-8 with a byte-order mark, because Excel reads a file without one in the machine's code page
/// and garbles accents.
/// </summary>
public sealed class CsvConvention
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private CsvConvention(string name, char separator, CultureInfo culture)
    {
        Encoding = Utf8WithBom;
        Name = name;
        Separator = separator;
        Culture = culture;
        NeedsQuotes = [separator, '"', '\r', '\n'];
    }

    /// <summary>A comma between fields and a decimal point: RFC 4180, as the cockpit always wrote.</summary>
    public static CsvConvention Invariant { get; } = new("invariant", ',', CultureInfo.InvariantCulture);

    /// <summary>A semicolon between fields and a decimal comma, as Excel in French reads and writes CSV.</summary>
    public static CsvConvention French { get; } = new("fr", ';', FrenchNumbers());

    /// <summary>The names <see cref="Parse"/> accepts, as an error or a help text lists them.</summary>
    public static string Names => "fr, invariant";

    /// <summary>"fr" or "invariant", as given on the command line.</summary>
    public string Name { get; }

    public char Separator { get; }

    /// <summary>The culture numbers are written in (its decimal separator; never a thousands separator).</summary>
    public CultureInfo Culture { get; }

    /// <summary>UTF-8 with a byte-order mark.</summary>
    public Encoding Encoding { get; }

    private char[] NeedsQuotes { get; }

    /// <summary>The convention a reader of <paramref name="culture"/> expects: French for any French culture, else invariant.</summary>
    public static CsvConvention ForCulture(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "fr" ? French : Invariant;

    /// <summary>"fr" or "invariant" (any case), or a refusal listing both.</summary>
    public static CsvConvention Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "fr" => French,
        "invariant" => Invariant,
        _ => throw new CockpitValidationException($"The CSV culture '{name}' is not offered: choose one of {Names}."),
    };

    /// <summary>A field as written: quoted (quotes doubled) when it holds the separator, a quote or a line break.</summary>
    public StringBuilder Field(StringBuilder line, string value) =>
        value.AsSpan().IndexOfAny(NeedsQuotes) < 0
            ? line.Append(value)
            : line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');

    public override string ToString() => Name;

    /// <summary>French decimals without a thousands separator, so that every number reads back exactly.</summary>
    private static CultureInfo FrenchNumbers()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NegativeSign = "-";
        return CultureInfo.ReadOnly(culture);
    }
}
