using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// A score's output holds one row per customer: a snapshot whose key repeats is refused before anything is written,
/// whichever way it is scored. Counted in the warehouse, on the key's text as runs hold it (a NULL key is "").
/// </summary>
internal static class KeyUniqueness
{
    public static async Task CheckAsync(WarehouseSession session, string table, string key, IReadOnlyDictionary<string, WarehouseColumn> columns,
        CancellationToken ct)
    {
        var column = columns.GetValueOrDefault(key) ?? throw new ModelInputException($"The key column '{key}' is not in the snapshot {table}.");
        var q = session.Dialect.QuoteIdentifier;
        var text = PushDownSql.KeyText(session.Dialect, q(column.Name));
        var sql = $"SELECT COUNT(*) - COUNT(DISTINCT {text}) FROM {q(table)}";
        var repeated = Convert.ToInt64(await session.ScalarAsync(RenderedSql.Plain(sql), ct), CultureInfo.InvariantCulture);
        if (repeated > 0)
        {
            throw new CockpitValidationException(
                $"The key column '{column.Name}' of the snapshot {table} is not unique: {repeated.ToString("N0", CultureInfo.InvariantCulture)} rows repeat a key " +
                "already seen. Scores are written one row per customer: make the dataprep give each customer once, rebuild the snapshot, " +
                "then score. Nothing was written.");
        }
    }
}
