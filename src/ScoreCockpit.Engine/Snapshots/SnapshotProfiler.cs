using System.Text;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Snapshots;

public sealed record SnapshotProfile(
    long Rows, long? Positives, long TargetOutsideZeroOne, long DuplicateKeys, long MissingKeys, IReadOnlyList<ColumnProfile> Columns);

/// <summary>Profiles a snapshot table in one pass inside the warehouse: nothing but the aggregates comes back.</summary>
public static class SnapshotProfiler
{
    public static async Task<SnapshotProfile> ProfileAsync(
        WarehouseSession session, string table, IReadOnlyList<WarehouseColumn> columns, ScoreDefinition definition, CancellationToken ct)
    {
        var q = session.Dialect;
        CheckColumns(columns, definition);
        var target = q.QuoteIdentifier(Column(columns, definition.TargetColumn, "target").Name);
        var key = q.QuoteIdentifier(Column(columns, definition.KeyColumn, "key").Name);
        var sql = new StringBuilder("SELECT COUNT(*)");
        sql.Append($", SUM(CASE WHEN {target} = 1 THEN 1 ELSE 0 END), COUNT({target})");
        sql.Append($", SUM(CASE WHEN {target} IS NOT NULL AND {target} <> 0 AND {target} <> 1 THEN 1 ELSE 0 END)");
        sql.Append($", COUNT({key}) - COUNT(DISTINCT {key}), COUNT(*) - COUNT({key})");
        foreach (var column in columns)
        {
            var c = q.QuoteIdentifier(column.Name);
            sql.Append($", COUNT({c}), COUNT(DISTINCT {c})");
            sql.Append(ColumnKindInference.IsNumeric(column.ClrType)
                ? $", MIN({c} * 1.0), MAX({c} * 1.0), AVG({c} * 1.0)"
                : ", NULL, NULL, NULL");
        }

        sql.Append($" FROM {q.QuoteIdentifier(table)}");
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql.ToString()), ct);
        await reader.ReadAsync(ct);
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await reader.IsDBNullAsync(i, ct) ? null : reader.GetValue(i);
        }

        var rows = Long(values[0]);
        var labelled = Long(values[2]);
        var profiles = new List<ColumnProfile>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var at = 6 + (i * 5);
            var column = columns[i];
            var nonNull = Long(values[at]);
            var distinct = Long(values[at + 1]);
            double? min = Double(values[at + 2]), max = Double(values[at + 3]), mean = Double(values[at + 4]);
            var isKey = string.Equals(column.Name, definition.KeyColumn, StringComparison.OrdinalIgnoreCase);
            var inferred = ColumnKindInference.Infer(column.Name, column.ClrType, rows, nonNull, distinct, min, max, isKey);
            profiles.Add(new ColumnProfile(column.Name, column.DatabaseType, inferred,
                rows == 0 ? 0 : 1.0 - ((double)nonNull / rows), distinct, min, max, mean));
        }

        return new SnapshotProfile(rows, labelled == 0 ? null : Long(values[1]), Long(values[3]), Long(values[4]), Long(values[5]), profiles);
    }

    /// <summary>Refuses what the profile and the models cannot use, naming the column.</summary>
    private static void CheckColumns(IReadOnlyList<WarehouseColumn> columns, ScoreDefinition definition)
    {
        foreach (var column in columns.Where(c => !Identifiers.IsValid(c.Name)))
        {
            throw new CockpitValidationException(
                $"The dataprep returns a column named '{column.Name}': give every column a plain name with AS " +
                "(letters, digits and underscores).");
        }

        var target = Column(columns, definition.TargetColumn, "target");
        if (!ColumnKindInference.IsNumeric(target.ClrType) && target.ClrType != typeof(bool))
        {
            throw new CockpitValidationException(
                $"The target column '{target.Name}' is {target.DatabaseType}; it must be a number, 1 when the event happened and 0 otherwise.");
        }
    }

    /// <summary>The column of that name (case-insensitive), or a refusal that lists the columns the SQL returned.</summary>
    public static WarehouseColumn Column(IReadOnlyList<WarehouseColumn> columns, string name, string role) =>
        columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CockpitValidationException(
            $"The {role} column '{name}' is not among the columns the dataprep returns: {string.Join(", ", columns.Select(c => c.Name))}.");

    private static long Long(object? value) => WarehouseValues.Long(value);

    private static double? Double(object? value) => WarehouseValues.Double(value);
}
