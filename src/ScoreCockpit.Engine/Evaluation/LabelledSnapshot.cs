using System.Data;
using System.Globalization;
using System.Numerics;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// A labelled snapshot held in memory, read once from the warehouse and then scored by every version: reading it
/// again per version would cost more than the scoring itself. DataTable stores numbers in typed arrays, and its
/// readers may be used from several threads at once. Only the key, the target and the versions' inputs are read, in the
/// order of the key sample hash (<see cref="TrainingRows"/>) where the warehouse computes it, so every warehouse gives the
/// same rows in the same order and seeded resampling (the lift interval) draws the same rows. A row without a target (a
/// customer a label refresh did not find) is left out and counted in <see cref="MissingLabels"/>.
/// </summary>
internal sealed class LabelledSnapshot
{
    /// <summary>Any fixed seed orders the rows; this one is not a training's.</summary>
    private const int OrderSeed = 0;

    private LabelledSnapshot(DateOnly date, string tableName, DataTable rows, bool[] labels, long missingLabels) =>
        (Date, TableName, Rows, Labels, MissingLabels) = (date, tableName, rows, labels, missingLabels);

    public DateOnly Date { get; }
    public string TableName { get; }
    public DataTable Rows { get; }
    public bool[] Labels { get; }

    /// <summary>Rows left out because their target is NULL.</summary>
    public long MissingLabels { get; }

    /// <summary>
    /// Reads the key, the target and those of <paramref name="inputs"/> the table holds (a missing input is scored as
    /// missing by the scorer, with its warning).
    /// </summary>
    public static async Task<LabelledSnapshot> LoadAsync(WarehouseSession session, DateOnly date, string tableName, string target,
        string key, IEnumerable<string> inputs, CancellationToken ct)
    {
        var held = (await session.TableColumnsAsync(tableName, ct)).Select(c => c.Name).ToList();
        if (!held.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            throw new CockpitValidationException($"The snapshot {tableName} has no target column '{target}': rebuild the snapshot.");
        }

        var wanted = new[] { key, target }.Concat(inputs)
            .Select(name => held.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var dialect = session.Dialect;
        var sql = (wanted.Contains(key, StringComparer.OrdinalIgnoreCase) ? TrainingRows.SampledSelect(dialect, tableName, wanted, key, OrderSeed, 1) : null)
            ?? $"SELECT {string.Join(", ", wanted.Select(dialect.QuoteIdentifier))} FROM {dialect.QuoteIdentifier(tableName)}";
        var table = new DataTable(tableName) { Locale = CultureInfo.InvariantCulture };
        long missing = 0;
        await using (var reader = await session.ReadAsync(RenderedSql.Plain(sql), ct))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var type = reader.GetFieldType(i);
                table.Columns.Add(reader.GetName(i), type == typeof(BigInteger) ? typeof(double) : type);
            }

            var values = new object[reader.FieldCount];
            var targetOrdinal = reader.GetOrdinal(wanted.First(w => string.Equals(w, target, StringComparison.OrdinalIgnoreCase)));
            table.BeginLoadData();
            while (await reader.ReadAsync(ct))
            {
                reader.GetValues(values);
                if (values[targetOrdinal] is DBNull)
                {
                    missing++;
                    continue;
                }

                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = values[i] is BigInteger big ? (double)big : values[i];
                }

                table.LoadDataRow(values, fAcceptChanges: true);
            }

            table.EndLoadData();
        }

        return new LabelledSnapshot(date, tableName, table, ReadLabels(table, tableName, target), missing);
    }

    private static bool[] ReadLabels(DataTable table, string tableName, string target)
    {
        var column = table.Columns[target]
            ?? throw new CockpitValidationException($"The snapshot {tableName} has no target column '{target}': rebuild the snapshot.");
        var labels = new bool[table.Rows.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            var value = table.Rows[i][column];
            labels[i] = value switch
            {
                bool b => b,
                _ => Convert.ToDouble(value, CultureInfo.InvariantCulture) switch
                {
                    0 => false,
                    1 => true,
                    var other => throw new CockpitValidationException(
                        $"Row {i + 1} of the snapshot {tableName} holds {other} in the target '{target}': labels must be 0 or 1."),
                },
            };
        }

        return labels;
    }
}
