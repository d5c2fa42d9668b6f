using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation.InWarehouse;

/// <summary>
/// A version's scores on a snapshot as SQL: the plan written by <see cref="PlanSql"/> with the target carried beside
/// its scores, rows without a target left out. The score is the probability when the model gives one, as in-process.
/// </summary>
internal sealed class ScoredSnapshot
{
    private readonly string _scored;
    private readonly string _score;
    private readonly string _label;
    private readonly string _key;

    private ScoredSnapshot(string scored, string score, string label, string key) => (_scored, _score, _label, _key) = (scored, score, label, key);

    /// <summary>The columns the table holds decide which inputs are missing and whether the target is read as a boolean.</summary>
    public static ScoredSnapshot For(CompiledModel model, ISqlDialect dialect, string table, string key, string target,
        IReadOnlyList<WarehouseColumn> columns)
    {
        var plan = PlanSql.Select(model.Plan, dialect, table, key, [.. columns.Select(c => c.Name)], carry: [target]);
        var held = columns.First(c => string.Equals(c.Name, target, StringComparison.OrdinalIgnoreCase));
        // LabelledSnapshot has already refused any target other than 0, 1 or a boolean, so 1 is the only positive.
        var label = held.ClrType == typeof(bool) ? "CASE WHEN c0 THEN 1 ELSE 0 END" : $"CASE WHEN CAST(c0 AS {dialect.FloatType}) = 1 THEN 1 ELSE 0 END";
        return new ScoredSnapshot(plan, model.GivesProbabilities ? "probability" : "raw_score", label, dialect.QuoteIdentifier(key));
    }

    /// <summary>The (score, label) rows <see cref="MetricsSql"/> reads.</summary>
    public string MetricsSelect(ISqlDialect dialect) =>
        $"SELECT CAST({_score} AS {dialect.FloatType}) AS score, {_label} AS label FROM ({_scored}) scored WHERE c0 IS NOT NULL";

    /// <summary>
    /// The scores alone, in <see cref="LabelledSnapshot"/>'s row order (sample hash, then key, where the warehouse
    /// computes the hash), so they pair with its labels row for row and the seeded bootstrap draws the same rows.
    /// </summary>
    public async Task<double[]> PullAsync(WarehouseSession session, CancellationToken ct)
    {
        var dialect = session.Dialect;
        var sql = dialect.KeySampleHash(_key, LabelledSnapshot.OrderSeed) is { } hash
            ? $"SELECT score FROM (SELECT {_score} AS score, {hash} AS key_sample_hash, {_key} AS sort_key FROM ({_scored}) scored " +
              "WHERE c0 IS NOT NULL) ordered ORDER BY key_sample_hash, sort_key"
            : $"SELECT {_score} AS score FROM ({_scored}) scored WHERE c0 IS NOT NULL";
        var scores = new List<double>();
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), ct);
        while (await reader.ReadAsync(ct))
        {
            // The plan's REAL, widened as the kernel widens its floats.
            scores.Add(reader.GetFloat(0));
        }

        return [.. scores];
    }

    /// <summary>The kernel's check of the columns: a warning per missing input, a refusal for text where numbers were trained.</summary>
    public static IReadOnlyList<string> Check(CompiledModel model, IReadOnlyList<WarehouseColumn> columns, string where)
    {
        var warnings = new List<string>();
        foreach (var input in model.Plan.Inputs)
        {
            var column = columns.FirstOrDefault(c => string.Equals(c.Name, input.Name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                warnings.Add(CompiledModel.MissingColumn(input.Name, where));
            }
            else if (input.IsNumber && !InputColumn.IsNumber(column.ClrType))
            {
                throw CompiledModel.TypeChanged(input.Name, where, column.ClrType);
            }
        }

        return warnings;
    }
}
