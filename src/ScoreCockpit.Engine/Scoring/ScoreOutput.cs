using System.Globalization;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// The warehouse table the business reads: one row per customer and reference date. Written through a staging
/// table of text and swapped in within one transaction (delete that date's rows, insert the new ones), so readers
/// see the previous scores or the new ones, never half of them, and other dates are untouched.
/// </summary>
internal static class ScoreOutput
{
    public static readonly string[] Columns = ["score", "score_rank", "decile", "percentile", "version", "reference_date"];

    public static string Staging(string output) => $"{output}__staging";

    public static IReadOnlyList<string> AllColumns(string key) => [key, .. Columns];

    /// <summary>Keys are text of at most this many characters.</summary>
    public const int KeyLength = 200;

    public static string CreateTable(WarehouseSession session, string output, string key)
    {
        var d = session.Dialect;
        var q = d.QuoteIdentifier;
        return d.CreateTable(output,
        [
            $"{q(key)} {d.TextType(KeyLength)} NOT NULL", $"score {d.FloatType} NOT NULL", $"score_rank {d.BigIntType} NOT NULL",
            $"decile {d.IntegerType} NOT NULL", $"percentile {d.FloatType} NOT NULL", $"version {d.IntegerType} NOT NULL",
            "reference_date DATE NOT NULL",
        ], key);
    }

    public static string CreateStaging(WarehouseSession session, string output, string key)
    {
        var d = session.Dialect;
        return d.CreateTable(Staging(output), AllColumns(key).Select(c => $"{d.QuoteIdentifier(c)} {d.TextType(KeyLength)}"), key);
    }

    /// <summary>
    /// The swap: one transaction that replaces the date's rows with the staging rows and drops the staging table (the one
    /// DDL statement, last, as Teradata requires). The date is written as a literal rather than cast from the staged text,
    /// whose reading as a date depends on the session's date format on some warehouses.
    /// </summary>
    public static IReadOnlyList<string> Swap(WarehouseSession session, string output, string key, DateOnly date)
    {
        var d = session.Dialect;
        var q = d.QuoteIdentifier;
        string[] casts = [q(key), $"CAST(score AS {d.FloatType})", $"CAST(score_rank AS {d.BigIntType})", $"CAST(decile AS {d.IntegerType})",
            $"CAST(percentile AS {d.FloatType})", $"CAST(version AS {d.IntegerType})", d.DateLiteral(date)];
        return
        [
            $"DELETE FROM {q(output)} WHERE reference_date = {d.DateLiteral(date)}",
            $"INSERT INTO {q(output)} ({string.Join(", ", AllColumns(key).Select(q))}) SELECT {string.Join(", ", casts)} FROM {q(Staging(output))}",
            $"DROP TABLE {q(Staging(output))}",
        ];
    }

    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
