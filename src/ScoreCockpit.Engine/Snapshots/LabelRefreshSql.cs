using System.Data.Common;
using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>The SQL of a label refresh: checks of the new labels, their effect on the snapshot, and the relabelled copy.</summary>
internal static class LabelRefreshSql
{
    /// <summary>
    /// Refuses new labels that would corrupt the snapshot (a key twice, a target other than 0 and 1, a missing column),
    /// then counts what they change. Runs before anything is replaced.
    /// </summary>
    public static async Task<LabelRefresh> CheckAsync(WarehouseSession session, ScoreScope scope, Snapshot snapshot, string labels, CancellationToken ct)
    {
        var (d, q) = (scope.Definition, session.Dialect);
        var where = $"The label refresh of {scope.Score.Name} {snapshot.ReferenceDate:yyyy-MM-dd}";
        var found = (await session.TableColumnsAsync(labels, ct)).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, role) in new[] { (d.KeyColumn, "key"), (d.TargetColumn, "target") })
        {
            if (!found.Contains(column))
            {
                throw new CockpitValidationException(
                    $"{where} returned no column '{column}' (the score's {role}). Its labelSql must return the key and the target under the score's column names.");
            }
        }

        var (key, target) = (q.QuoteIdentifier(d.KeyColumn), q.QuoteIdentifier(d.TargetColumn));
        var check = await RowAsync(session,
            $"SELECT COUNT(*) - COUNT(DISTINCT {key}), SUM(CASE WHEN {target} IS NOT NULL AND {target} <> 0 AND {target} <> 1 THEN 1 ELSE 0 END) " +
            $"FROM {q.QuoteIdentifier(labels)}", ct);
        if (check[0] > 0)
        {
            throw new CockpitValidationException(
                $"{where} returned {check[0].ToString(CultureInfo.InvariantCulture)} keys more than once: one row per customer is needed. Nothing was changed.");
        }

        if (check[1] > 0)
        {
            throw new CockpitValidationException(
                $"{where} returned {check[1].ToString(CultureInfo.InvariantCulture)} targets other than 0 and 1 in '{d.TargetColumn}'. Nothing was changed.");
        }

        var counts = await RowAsync(session,
            $"SELECT COUNT(*), SUM(CASE WHEN r.{target} IS NULL THEN 1 ELSE 0 END), " +
            $"SUM(CASE WHEN r.{target} IS NOT NULL AND (s.{target} IS NULL OR s.{target} <> r.{target}) THEN 1 ELSE 0 END), " +
            $"SUM(CASE WHEN r.{target} = 1 THEN 1 ELSE 0 END) " +
            $"FROM {q.QuoteIdentifier(snapshot.TableName)} s LEFT JOIN {q.QuoteIdentifier(labels)} r ON s.{key} = r.{key}", ct);
        return new LabelRefresh(snapshot.ReferenceDate, counts[0], counts[2], counts[1], snapshot.Positives, counts[3]);
    }

    /// <summary>The snapshot's columns in their order, the target taken from the new labels (NULL for a customer they miss).</summary>
    public static string Relabelled(ISqlDialect q, ScoreDefinition definition, IReadOnlyList<WarehouseColumn> columns, string snapshot, string labels)
    {
        var select = columns.Select(c => string.Equals(c.Name, definition.TargetColumn, StringComparison.OrdinalIgnoreCase)
            ? $"r.{q.QuoteIdentifier(definition.TargetColumn)} AS {q.QuoteIdentifier(c.Name)}"
            : $"s.{q.QuoteIdentifier(c.Name)}");
        var key = q.QuoteIdentifier(definition.KeyColumn);
        return $"SELECT {string.Join(", ", select)} FROM {q.QuoteIdentifier(snapshot)} s LEFT JOIN {q.QuoteIdentifier(labels)} r ON s.{key} = r.{key}";
    }

    public static async Task DropQuietlyAsync(WarehouseSession session, string table)
    {
        try
        {
            await session.DropTableIfExistsAsync(table, CancellationToken.None);
        }
        catch (WarehouseException)
        {
            // The refresh's own outcome matters more; a leftover scratch table is dropped by the next refresh.
        }
    }

    private static async Task<long[]> RowAsync(WarehouseSession session, string sql, CancellationToken ct)
    {
        await using DbDataReader reader = await session.ReadAsync(RenderedSql.Plain(sql), ct);
        await reader.ReadAsync(ct);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(i => WarehouseValues.Long(reader.GetValue(i)))];
    }
}
