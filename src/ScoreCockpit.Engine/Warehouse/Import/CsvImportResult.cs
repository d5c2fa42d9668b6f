using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>What an import wrote. Rejected lines are those skipped because they were malformed (at most the allowed number).</summary>
public sealed record CsvImportResult(
    string Table,
    long RowsImported,
    IReadOnlyList<CsvImportedColumn> Columns,
    long RejectedLineCount,
    IReadOnlyList<CsvRejectedLine> RejectedLines,
    IReadOnlyList<CsvColumnRename> RenamedColumns,
    char Delimiter,
    bool ReplacedExistingTable,
    TimeSpan Duration)
{
    /// <summary>The decimal separator the numbers were read with, and why.</summary>
    public CsvDecimalDecision Decimal { get; init; } = CsvDecimalDecision.Point;
}

/// <summary>The type a column was given after every value of the file was seen.</summary>
public enum CsvColumnType
{
    /// <summary>Whole numbers without leading zeros that fit in 64 bits (BIGINT).</summary>
    Integer,

    /// <summary>Numbers with decimals (after the file's decimal separator) or an exponent, mixed with integers or not (DOUBLE).</summary>
    Double,

    /// <summary>true/false/yes/no in any case, possibly mixed with 0 and 1 (a column of only 0 and 1 stays Integer).</summary>
    Boolean,

    /// <summary>yyyy-MM-dd; dd/MM/yyyy or MM/dd/yyyy only when some value proves which part is the day.</summary>
    Date,

    /// <summary>yyyy-MM-dd HH:mm:ss (or with a T), with up to 6 decimals of seconds, no time zone.</summary>
    Timestamp,

    /// <summary>Anything else, kept exactly as written.</summary>
    Text,
}

/// <summary>
/// One column of the new table. <paramref name="NullCount"/> counts the values stored as NULL: empty fields,
/// and blank ones in typed columns. <paramref name="Note"/> explains a choice a person might not expect.
/// </summary>
public sealed record CsvImportedColumn(
    string Name, string Header, CsvColumnType Type, string DatabaseType, long NullCount, string? Note = null);

/// <summary>A header that was not a valid column name, and the name it got. Position counts from 1.</summary>
public sealed record CsvColumnRename(int Position, string Header, string Name);

/// <summary>A malformed record: its first line, its last (a quoted field may span lines) and what is wrong.</summary>
public sealed record CsvRejectedLine(long Line, long EndLine, string Reason)
{
    public long LineCount => EndLine - Line + 1;

    public override string ToString() =>
        (EndLine == Line
            ? string.Create(CultureInfo.InvariantCulture, $"line {Line}")
            : string.Create(CultureInfo.InvariantCulture, $"lines {Line}-{EndLine}"))
        + ": " + Reason;
}
