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

    public static string CreateTable(WarehouseSession session, string output, string key)
    {
        var (text, real, big, integer) = session.Info.Kind switch
        {
            WarehouseKind.SqlServer => ("NVARCHAR(200)", "FLOAT", "BIGINT", "INT"),
            WarehouseKind.Teradata => ("VARCHAR(200)", "FLOAT", "BIGINT", "INTEGER"),
            _ => ("VARCHAR(200)", "FLOAT8", "BIGINT", "INTEGER"),
        };
        var q = session.Dialect.QuoteIdentifier;
        return $"CREATE TABLE {q(output)} ({q(key)} {text} NOT NULL, score {real} NOT NULL, score_rank {big} NOT NULL, " +
            $"decile {integer} NOT NULL, percentile {real} NOT NULL, version {integer} NOT NULL, reference_date DATE NOT NULL)";
    }

    public static string CreateStaging(WarehouseSession session, string output, string key)
    {
        var text = session.Info.Kind == WarehouseKind.SqlServer ? "NVARCHAR(200)" : "VARCHAR(200)";
        return $"CREATE TABLE {session.Dialect.QuoteIdentifier(Staging(output))} (" +
            string.Join(", ", AllColumns(key).Select(c => $"{session.Dialect.QuoteIdentifier(c)} {text}")) + ")";
    }

    /// <summary>The swap: one transaction that replaces the date's rows with the staging rows and drops the staging table.</summary>
    public static IReadOnlyList<string> Swap(WarehouseSession session, string output, string key, DateOnly date)
    {
        var q = session.Dialect.QuoteIdentifier;
        var (real, big, integer) = session.Info.Kind == WarehouseKind.SqlServer ? ("FLOAT", "BIGINT", "INT") : ("FLOAT8", "BIGINT", "INTEGER");
        string[] casts = [q(key), $"CAST(score AS {real})", $"CAST(score_rank AS {big})", $"CAST(decile AS {integer})",
            $"CAST(percentile AS {real})", $"CAST(version AS {integer})", "CAST(reference_date AS DATE)"];
        return
        [
            $"DELETE FROM {q(output)} WHERE reference_date = {session.Dialect.DateLiteral(date)}",
            $"INSERT INTO {q(output)} ({string.Join(", ", AllColumns(key).Select(q))}) SELECT {string.Join(", ", casts)} FROM {q(Staging(output))}",
            $"DROP TABLE {q(Staging(output))}",
        ];
    }

    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
