using System.Globalization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scoring.Export;

public enum ScoreFileFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Download a score's output table for one reference date (default: the latest in the table). A CSV file is written in
/// <paramref name="Csv"/>'s convention (default <see cref="CsvConvention.Invariant"/>); an Excel file has none to choose.
/// </summary>
public sealed record ExportScores(string Score, ScoreFileFormat Format, DateOnly? Date = null, CsvConvention? Csv = null);

/// <summary>An export checked and sized, ready to stream: what a download's headers and a command's summary need.</summary>
public sealed record ScoreExport(
    string Score, ScoreFileFormat Format, DateOnly Date, long Rows, string Connection, string Table, string KeyColumn)
{
    /// <summary>The separators and encoding of a CSV file.</summary>
    public CsvConvention Csv { get; init; } = CsvConvention.Invariant;

    public string Extension => Format == ScoreFileFormat.Csv ? "csv" : "xlsx";

    public string FileName => $"{Score}-scores-{Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{Extension}";

    public string ContentType => Format == ScoreFileFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

public static class ScoreFileFormats
{
    /// <summary>The format named by a person ("csv", "XLSX", ".xlsx"), or a clear refusal.</summary>
    public static ScoreFileFormat Parse(string? text) => text?.Trim().TrimStart('.').ToUpperInvariant() switch
    {
        "CSV" => ScoreFileFormat.Csv,
        "XLSX" => ScoreFileFormat.Xlsx,
        _ => throw new CockpitValidationException($"The format '{text}' is not offered: choose csv or xlsx."),
    };

    /// <summary>A date as people and URLs write it (yyyy-MM-dd), or a clear refusal.</summary>
    public static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CockpitValidationException($"'{text}' is not a date: write it as yyyy-MM-dd, e.g. 2026-02-28.");
}
