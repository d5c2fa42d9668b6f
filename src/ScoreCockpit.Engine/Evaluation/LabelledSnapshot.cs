using System.Data;
using System.Globalization;
using System.Numerics;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// A labelled snapshot held in memory, read once from the warehouse and then scored by every version: reading it
/// again per version would cost more than the scoring itself. DataTable stores numbers in typed arrays, and its
/// readers may be used from several threads at once.
/// </summary>
internal sealed class LabelledSnapshot
{
    private LabelledSnapshot(DateOnly date, string tableName, DataTable rows, bool[] labels) =>
        (Date, TableName, Rows, Labels) = (date, tableName, rows, labels);

    public DateOnly Date { get; }
    public string TableName { get; }
    public DataTable Rows { get; }
    public bool[] Labels { get; }

    public static async Task<LabelledSnapshot> LoadAsync(WarehouseSession session, DateOnly date, string tableName, string target, CancellationToken ct)
    {
        var table = new DataTable(tableName) { Locale = CultureInfo.InvariantCulture };
        await using (var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT * FROM {session.Dialect.QuoteIdentifier(tableName)}"), ct))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var type = reader.GetFieldType(i);
                table.Columns.Add(reader.GetName(i), type == typeof(BigInteger) ? typeof(double) : type);
            }

            var values = new object[reader.FieldCount];
            table.BeginLoadData();
            while (await reader.ReadAsync(ct))
            {
                reader.GetValues(values);
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = values[i] is BigInteger big ? (double)big : values[i];
                }

                table.LoadDataRow(values, fAcceptChanges: true);
            }

            table.EndLoadData();
        }

        return new LabelledSnapshot(date, tableName, table, ReadLabels(table, tableName, target));
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
                DBNull => throw new CockpitValidationException(
                    $"Row {i + 1} of the snapshot {tableName} has no value in the target '{target}': labels must be known to evaluate."),
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
