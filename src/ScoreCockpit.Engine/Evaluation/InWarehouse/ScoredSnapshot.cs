using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation.InWarehouse;

/// <summary>
/// A version's scores on a snapshot, computed once by the warehouse into a temporary table: the plan written by
/// <see cref="PlanSql"/> with the target carried beside its scores, rows without a target left out. The score is the
/// probability when the model gives one, as in-process. Planning a plan's SQL costs far more than running it on a
/// snapshot, so the metrics and the pull both read the table rather than the plan. Dropped on dispose.
/// </summary>
internal sealed class ScoredSnapshot : IAsyncDisposable
{
    private readonly WarehouseSession _session;
    private readonly string _table;
    private readonly bool _ordered;

    private ScoredSnapshot(WarehouseSession session, string table, bool ordered) => (_session, _table, _ordered) = (session, table, ordered);

    /// <summary>The columns the table holds decide which inputs are missing and whether the target is read as a boolean.</summary>
    public static async Task<ScoredSnapshot> ScoreAsync(WarehouseSession session, CompiledModel model, string table, string key, string target,
        IReadOnlyList<WarehouseColumn> columns, CancellationToken ct)
    {
        var dialect = session.Dialect;
        var plan = PlanSql.Select(model.Plan, dialect, table, key, [.. columns.Select(c => c.Name)], carry: [target],
            booleans: [.. columns.Where(PushDown.PushDownSql.IsBoolean).Select(c => c.Name)]);
        var held = columns.First(c => string.Equals(c.Name, target, StringComparison.OrdinalIgnoreCase));
        // LabelledSnapshot has already refused any target other than 0, 1 or a boolean, so 1 is the only positive.
        var label = held.ClrType == typeof(bool) ? "CASE WHEN c0 THEN 1 ELSE 0 END" : $"CASE WHEN CAST(c0 AS {dialect.FloatType}) = 1 THEN 1 ELSE 0 END";
        var score = model.GivesProbabilities ? "probability" : "raw_score";
        // LabelledSnapshot's row order, kept beside each score so the pull pairs the scores with its labels row for row.
        var quotedKey = dialect.QuoteIdentifier(key);
        var order = dialect.KeySampleHash(quotedKey, LabelledSnapshot.OrderSeed) is { } hash ? $", {hash} AS key_sample_hash, {quotedKey} AS sort_key" : null;
        var select = $"SELECT {score} AS score, {label} AS label{order} FROM ({plan}) scored WHERE c0 IS NOT NULL";
        var name = $"scored_{Guid.NewGuid():N}";
        var (create, reference) = Temporary(dialect.Kind, name, select);
        await session.ExecuteAsync(create, ct);
        return new ScoredSnapshot(session, reference, order is not null);
    }

    /// <summary>The (score, label) rows <see cref="MetricsSql"/> reads.</summary>
    public string MetricsSelect => $"SELECT CAST(score AS {_session.Dialect.FloatType}) AS score, label FROM {_table}";

    /// <summary>The scores alone, in <see cref="LabelledSnapshot"/>'s row order, so the seeded bootstrap draws the same rows.</summary>
    public async Task<double[]> PullAsync(CancellationToken ct)
    {
        var sql = $"SELECT score FROM {_table}" + (_ordered ? " ORDER BY key_sample_hash, sort_key" : "");
        var scores = new List<double>();
        await using var reader = await _session.ReadAsync(RenderedSql.Plain(sql), ct);
        while (await reader.ReadAsync(ct))
        {
            // The plan's REAL, widened as the kernel widens its floats.
            scores.Add(reader.GetFloat(0));
        }

        return [.. scores];
    }

    public async ValueTask DisposeAsync() => await _session.ExecuteAsync($"DROP TABLE {_table}");

    /// <summary>A table that lives as long as the session, seen by it alone: each warehouse words it its own way.</summary>
    private static (string Create, string Reference) Temporary(WarehouseKind kind, string name, string select) => kind switch
    {
        WarehouseKind.SqlServer => ($"SELECT * INTO #{name} FROM ({select}) scored_rows", $"#{name}"),
        WarehouseKind.Teradata => ($"CREATE VOLATILE TABLE {name} AS ({select}) WITH DATA ON COMMIT PRESERVE ROWS", name),
        _ => ($"CREATE TEMPORARY TABLE {name} AS {select}", name),
    };

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
