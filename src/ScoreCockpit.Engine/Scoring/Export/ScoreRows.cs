using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scoring.Export;

/// <summary>One line of a score's output table (<see cref="ScoreOutput"/>).</summary>
internal readonly record struct ScoreRow(
    string Key, double Score, long Rank, int Decile, double Percentile, int Version, DateOnly ReferenceDate);

internal static class ScoreRows
{
    /// <summary>The header of both file formats: the output table's own column names, the score's key first.</summary>
    public static IReadOnlyList<string> Header(string key) => ScoreOutput.AllColumns(key);

    public static RenderedSql Query(WarehouseSession session, string table, string key, DateOnly date)
    {
        var q = session.Dialect.QuoteIdentifier;
        return RenderedSql.Plain(
            $"SELECT {string.Join(", ", Header(key).Select(q))} FROM {q(table)} " +
            $"WHERE reference_date = {session.Dialect.DateLiteral(date)} ORDER BY score_rank");
    }

    /// <summary>
    /// The rows as the reader streams them. Values go through Convert because each warehouse's provider has its own
    /// CLR types for the same SQL types (DECIMAL, NUMBER, DATE as DateTime or DateOnly).
    /// </summary>
    public static async IAsyncEnumerable<ScoreRow> ReadAsync(DbDataReader reader, [EnumeratorCancellation] CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        while (await reader.ReadAsync(ct))
        {
            yield return new ScoreRow(
                Convert.ToString(reader.GetValue(0), c) ?? "",
                Convert.ToDouble(reader.GetValue(1), c),
                Convert.ToInt64(reader.GetValue(2), c),
                Convert.ToInt32(reader.GetValue(3), c),
                Convert.ToDouble(reader.GetValue(4), c),
                Convert.ToInt32(reader.GetValue(5), c),
                Date(reader.GetValue(6)));
        }
    }

    public static DateOnly Date(object value) => value switch
    {
        DateOnly date => date,
        DateTime time => DateOnly.FromDateTime(time),
        DateTimeOffset offset => DateOnly.FromDateTime(offset.Date),
        _ => DateOnly.Parse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", CultureInfo.InvariantCulture),
    };
}
