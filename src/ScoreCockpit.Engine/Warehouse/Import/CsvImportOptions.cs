using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>
/// How one CSV file becomes a warehouse table. Only <see cref="Table"/> is required: the delimiter is
/// detected from the header line, the decimal separator decided from the delimiter and the values, the text is
/// UTF-8, an existing table is refused and any malformed line stops the import.
/// </summary>
public sealed record CsvImportOptions(string Table)
{
    /// <summary>Replace the table when it exists (atomically: readers see the old or the new one).</summary>
    public bool Replace { get; init; }

    /// <summary>How many malformed lines may be skipped (and reported) before the import is refused.</summary>
    public int MaxRejected { get; init; }

    /// <summary>The field delimiter; null detects comma, semicolon, tab or pipe from the header line.</summary>
    public char? Delimiter { get; init; }

    public CsvEncoding Encoding { get; init; } = CsvEncoding.Utf8;

    /// <summary>The decimal separator of the file's numbers; <see cref="CsvDecimalSeparator.Auto"/> decides it from the file.</summary>
    public CsvDecimalSeparator DecimalSeparator { get; init; }

    /// <summary>The most bytes read from the file (the upload limit an admin sets); null for no limit.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Refuses options that cannot work, before anything is read or written.</summary>
    public void Validate()
    {
        Identifiers.Validate(Table, "table name");
        if (MaxRejected < 0)
        {
            throw new CockpitValidationException($"The number of rejected lines allowed must be 0 or more, not {MaxRejected}.");
        }

        if (Delimiter is { } d && (d is '"' or '\r' or '\n' or ' ' || char.IsLetterOrDigit(d) || char.IsSurrogate(d)))
        {
            throw new CockpitValidationException(
                $"'{CsvDelimiters.Describe(d)}' cannot be a delimiter. Use a comma, a semicolon, a tab or a pipe.");
        }

        if (MaxBytes is <= 0)
        {
            throw new CockpitValidationException($"The size limit must be a positive number of bytes, not {MaxBytes}.");
        }
    }
}

/// <summary>The text encodings a CSV file may be read in. UTF-8 is strict: an invalid byte is an error naming its line.</summary>
public enum CsvEncoding
{
    Utf8,

    /// <summary>ISO-8859-1: every byte is a character, so nothing is ever invalid.</summary>
    Latin1,

    /// <summary>Windows-1252 (Excel's "CSV" on Western Windows): Latin-1 plus €, quotes and dashes in 0x80–0x9F.</summary>
    Windows1252,
}

public static class CsvEncodings
{
    public static string NamesForHelp => "utf-8, latin1, windows-1252";

    /// <summary>utf-8/utf8, latin1/latin-1/iso-8859-1, windows-1252/cp1252 (any case).</summary>
    public static CsvEncoding Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "UTF-8" or "UTF8" => CsvEncoding.Utf8,
        "LATIN1" or "LATIN-1" or "ISO-8859-1" or "ISO8859-1" => CsvEncoding.Latin1,
        "WINDOWS-1252" or "CP1252" or "WINDOWS1252" => CsvEncoding.Windows1252,
        _ => throw new CockpitValidationException($"Unknown encoding '{name}'. Use {NamesForHelp}."),
    };

    public static string Name(CsvEncoding encoding) => encoding switch
    {
        CsvEncoding.Latin1 => "latin1",
        CsvEncoding.Windows1252 => "windows-1252",
        _ => "UTF-8",
    };
}

public static class CsvDelimiters
{
    /// <summary>Tried in this order when the header line has as many of one as of another.</summary>
    public static IReadOnlyList<char> Detected { get; } = [',', ';', '\t', '|'];

    /// <summary>"," ";" "|" or "tab"/"\t" for a tab; any other single character is taken as given.</summary>
    public static char? Parse(string? text) => text switch
    {
        null or "" => null,
        _ when text.Equals("tab", StringComparison.OrdinalIgnoreCase) || text == "\\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw new CockpitValidationException($"The delimiter '{text}' must be one character (or 'tab'), such as , or ; or |."),
    };

    public static string Describe(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();
}
