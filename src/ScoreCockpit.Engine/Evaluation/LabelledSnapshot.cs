using System.Data.Common;
using System.Globalization;
using System.Numerics;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// A labelled snapshot held in memory as typed columns (<see cref="ColumnBatch"/>), read once from the warehouse and
/// then scored by every version: reading it again per version would cost more than the scoring itself. Only the
/// target and the versions' inputs are held, in the order of the key sample hash (<see cref="TrainingRows"/>) where the
/// warehouse computes it, so every warehouse gives the same rows in the same order and seeded resampling (the lift
/// interval) draws the same rows. A row without a target (a customer a label refresh did not find) is left out and
/// counted in <see cref="MissingLabels"/>.
/// </summary>
internal sealed class LabelledSnapshot
{
    /// <summary>Any fixed seed orders the rows; this one is not a training's.</summary>
    internal const int OrderSeed = 0;

    private LabelledSnapshot(DateOnly date, string tableName, ColumnBatch rows, bool[] labels, long missingLabels) =>
        (Date, TableName, Rows, Labels, MissingLabels) = (date, tableName, rows, labels, missingLabels);

    public DateOnly Date { get; }
    public string TableName { get; }
    public ColumnBatch Rows { get; }
    public bool[] Labels { get; }

    /// <summary>Rows left out because their target is NULL.</summary>
    public long MissingLabels { get; }

    /// <summary>The columns the versions read and how: a column one version reads as a category and another as a number is held both ways.</summary>
    public static Dictionary<string, ColumnUse> Uses(IEnumerable<ModelVersion> versions)
    {
        var uses = new Dictionary<string, ColumnUse>(StringComparer.OrdinalIgnoreCase);
        foreach (var feature in versions.SelectMany(v => VersionJson.Schema(v.InputSchemaJson)))
        {
            uses[feature.Name] = uses.GetValueOrDefault(feature.Name) | (feature.Kind == ColumnKind.Categorical ? ColumnUse.Text : ColumnUse.Number);
        }

        return uses;
    }

    /// <summary>
    /// Reads the target and those of <paramref name="inputs"/> the table holds (a missing input is scored as missing
    /// by the kernel, with its warning).
    /// </summary>
    public static async Task<LabelledSnapshot> LoadAsync(WarehouseSession session, DateOnly date, string tableName, string target,
        string key, IReadOnlyDictionary<string, ColumnUse> inputs, CancellationToken ct)
    {
        var held = (await session.TableColumnsAsync(tableName, ct)).Select(c => c.Name).ToList();
        if (!held.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            throw new CockpitValidationException($"The snapshot {tableName} has no target column '{target}': rebuild the snapshot.");
        }

        // The target is read first, so a row without one is skipped before its inputs are read.
        var wanted = new[] { target, key }.Concat(inputs.Keys.Where(i => !string.Equals(i, target, StringComparison.OrdinalIgnoreCase)))
            .Select(name => held.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var dialect = session.Dialect;
        var sql = (wanted.Contains(key, StringComparer.OrdinalIgnoreCase) ? TrainingRows.SampledSelect(dialect, tableName, wanted, key, OrderSeed, 1) : null)
            ?? $"SELECT {string.Join(", ", wanted.Select(dialect.QuoteIdentifier))} FROM {dialect.QuoteIdentifier(tableName)}";
        var labels = new List<bool>();
        long missing = 0;
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), ct);
        var targetOrdinal = reader.GetOrdinal(wanted[0]);
        bool KeepRow(DbDataReader row)
        {
            if (row.IsDBNull(targetOrdinal))
            {
                missing++;
                return false;
            }

            labels.Add(Label(row.GetValue(targetOrdinal), labels.Count + missing, tableName, target));
            return true;
        }

        var columns = inputs.Where(i => !string.Equals(i.Key, target, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(i => i.Key, i => i.Value, StringComparer.OrdinalIgnoreCase);
        var rows = await Task.Run(() => ColumnBatch.Read(reader, columns, int.MaxValue, KeepRow, ct), ct) ?? ColumnBatch.Empty(0);
        return new LabelledSnapshot(date, tableName, rows, [.. labels], missing);
    }

    private static bool Label(object value, long row, string tableName, string target) => value switch
    {
        bool b => b,
        _ => (value is BigInteger big ? (double)big : Convert.ToDouble(value, CultureInfo.InvariantCulture)) switch
        {
            0 => false,
            1 => true,
            var other => throw new CockpitValidationException(
                $"Row {row + 1} of the snapshot {tableName} holds {other} in the target '{target}': labels must be 0 or 1."),
        },
    };
}
