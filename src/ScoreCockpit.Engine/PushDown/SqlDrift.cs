using System.Globalization;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.PushDown;

/// <summary>
/// The feature drift of an in-warehouse run, from SQL aggregates over every row: the reference's decile edges by
/// row number, each bin's count by conditional sums in one scan per table, each level's count by GROUP BY. The same
/// bins and PSI as <see cref="FeatureDriftMeasure"/>, which samples a snapshot above 200,000 rows where this counts
/// them all: on a smaller snapshot both give the same figures.
/// </summary>
internal static class SqlDrift
{
    /// <param name="inCurrent">The scored snapshot's columns, which the run has read already.</param>
    public static async Task<(List<FeatureDrift> Drift, List<string> Warnings)> MeasureAsync(WarehouseSession session, string reference,
        string current, IReadOnlyDictionary<string, WarehouseColumn> inCurrent, IReadOnlyDictionary<string, ColumnKind> features, CancellationToken ct)
    {
        var inReference = (await session.TableColumnsAsync(reference, ct)).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var warnings = features.Keys.Where(f => !inCurrent.ContainsKey(f))
            .Select(f => $"The feature '{f}' is missing from the snapshot scored: no drift measured for it.").ToList();
        var measured = features.Keys.Where(f => inCurrent.ContainsKey(f) && inReference.ContainsKey(f)).ToList();
        var numbers = measured.Where(f => features[f] != ColumnKind.Categorical).ToList();
        var drift = new List<FeatureDrift>();

        var edges = await EdgesAsync(session, reference, numbers.Select(f => inReference[f]).ToList(), ct);

        if (numbers.Count > 0)
        {
            var expected = await SharesAsync(session, reference, numbers.Select((f, i) => (inReference[f], edges[i])).ToList(), ct);
            var actual = await SharesAsync(session, current, numbers.Select((f, i) => (inCurrent[f], edges[i])).ToList(), ct);
            drift.AddRange(numbers.Select((f, i) => new FeatureDrift(f, Math.Round(Psi.Compute(expected[i], actual[i]), 6))));
        }

        foreach (var feature in measured.Where(f => features[f] == ColumnKind.Categorical))
        {
            var levels = await LevelCountsAsync(session, reference, inReference[feature], ct);
            var seen = await LevelCountsAsync(session, current, inCurrent[feature], ct);
            var (expected, actual) = CategoryShares(levels, seen);
            drift.Add(new FeatureDrift(feature, Math.Round(Psi.Compute(expected, actual), 6)));
        }

        return ([.. drift.OrderByDescending(d => d.Psi).ThenBy(d => d.Column, StringComparer.Ordinal)], warnings);
    }

    private static string Value(WarehouseSession session, WarehouseColumn column) =>
        PushDownSql.AsFloat(session.Dialect, session.Dialect.QuoteIdentifier(column.Name), PushDownSql.IsBoolean(column));

    /// <summary>
    /// As <see cref="Psi.Edges"/>, per feature: the finite values at 0-based positions ⌊k n / 10⌋ of their ascending order,
    /// distinct. One scan counts each feature's finite values; then, on DuckDB and PostgreSQL, one statement takes every
    /// position with PERCENTILE_DISC (the first value whose cumulative share reaches (p + 0.5) / n is the one at position p,
    /// and the half keeps the fraction clear of rounding); elsewhere one ROW_NUMBER query per feature.
    /// </summary>
    private static async Task<List<double[]>> EdgesAsync(WarehouseSession session, string table, List<WarehouseColumn> columns, CancellationToken ct)
    {
        if (columns.Count == 0)
        {
            return [];
        }

        var q = session.Dialect.QuoteIdentifier;
        var values = $"SELECT {string.Join(", ", columns.Select((c, i) => $"{Value(session, c)} AS v{i}"))} FROM {q(table)}{PlanSql.Fence(session.Dialect)}";
        var counts = new long[columns.Count];
        await using (var reader = await session.ReadAsync(
            RenderedSql.Plain($"SELECT {string.Join(", ", columns.Select((_, i) => $"COUNT(v{i})"))} FROM ({values}) x"), ct))
        {
            await reader.ReadAsync(ct);
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = PushDownSql.Count(reader.GetValue(i));
            }
        }

        var positions = counts.Select(n => n == 0 ? [] : Enumerable.Range(1, 9).Select(k => Math.Min(n - 1, k * n / 10)).Distinct().ToArray()).ToList();
        if (session.Dialect.Kind is not (WarehouseKind.DuckDb or WarehouseKind.Postgres))
        {
            var found = new List<double[]>();
            for (var i = 0; i < columns.Count; i++)
            {
                found.Add(await RowNumberEdgesAsync(session, values, i, positions[i], ct));
            }

            return found;
        }

        var wanted = Enumerable.Range(0, columns.Count).Where(i => positions[i].Length > 0).ToList();
        var edges = columns.Select(_ => Array.Empty<double>()).ToList();
        if (wanted.Count == 0)
        {
            return edges;
        }

        string Fractions(int i) => string.Join(", ", positions[i].Select(p => PlanSql.Number((p + 0.5) / counts[i])));
        var list = session.Dialect.Kind == WarehouseKind.Postgres ? (Func<string, string>)(f => $"ARRAY[{f}]") : f => $"[{f}]";
        var sql = $"SELECT {string.Join(", ", wanted.Select(i => $"PERCENTILE_DISC({list(Fractions(i))}) WITHIN GROUP (ORDER BY v{i})"))} FROM ({values}) x";
        await using (var reader = await session.ReadAsync(RenderedSql.Plain(sql), ct))
        {
            await reader.ReadAsync(ct);
            for (var o = 0; o < wanted.Count; o++)
            {
                var read = reader.GetValue(o) is System.Collections.IEnumerable items ? items.Cast<object>() : [];
                edges[wanted[o]] = [.. read.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).Distinct()];
            }
        }

        return edges;
    }

    private static async Task<double[]> RowNumberEdgesAsync(WarehouseSession session, string values, int feature, long[] positions, CancellationToken ct)
    {
        if (positions.Length == 0)
        {
            return [];
        }

        var sql = $"SELECT r, v FROM (SELECT v{feature} AS v, ROW_NUMBER() OVER (ORDER BY v{feature}) AS r FROM ({values}) x WHERE v{feature} IS NOT NULL) y "
            + $"WHERE r IN ({string.Join(", ", positions.Select(p => p + 1))}) ORDER BY r";
        var found = new List<double>();
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture));
        }

        return [.. found.Distinct()];
    }

    /// <summary>Each feature's shares over its bins (below the first edge … from the last edge up, then missing), in one scan.</summary>
    private static async Task<List<double[]>> SharesAsync(WarehouseSession session, string table, List<(WarehouseColumn Column, double[] Edges)> features,
        CancellationToken ct)
    {
        var q = session.Dialect.QuoteIdentifier;
        var sums = new List<string> { "COUNT(*)" };
        foreach (var ((_, edges), i) in features.Select((f, i) => (f, i)))
        {
            sums.Add($"SUM(CASE WHEN v{i} IS NULL THEN 1 ELSE 0 END)");
            sums.AddRange(edges.Select(e => $"SUM(CASE WHEN v{i} < {PlanSql.Number(e)} THEN 1 ELSE 0 END)"));
        }

        var values = string.Join(", ", features.Select((f, i) => $"{Value(session, f.Column)} AS v{i}"));
        // Fenced: each value is computed once per row, not once per sum that reads it.
        var sql = $"SELECT {string.Join(", ", sums)} FROM (SELECT {values} FROM {q(table)}{PlanSql.Fence(session.Dialect)}) x";
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), ct);
        await reader.ReadAsync(ct);
        long Count(int ordinal) => PushDownSql.Count(reader.GetValue(ordinal));
        var rows = Count(0);
        var shares = new List<double[]>();
        var ordinal = 1;
        foreach (var (_, edges) in features)
        {
            var missing = Count(ordinal++);
            var below = edges.Select(_ => Count(ordinal++)).ToArray();
            var counts = new double[edges.Length + 2];
            for (var b = 0; b <= edges.Length; b++)
            {
                var upTo = b < edges.Length ? below[b] : rows - missing;
                counts[b] = upTo - (b == 0 ? 0 : below[b - 1]);
            }

            counts[^1] = missing;
            shares.Add([.. counts.Select(c => rows == 0 ? 0 : c / rows)]);
        }

        return shares;
    }

    private static async Task<Dictionary<string, long>> LevelCountsAsync(WarehouseSession session, string table, WarehouseColumn column, CancellationToken ct)
    {
        var q = session.Dialect.QuoteIdentifier;
        var text = PushDownSql.CategoryText(session.Dialect, column, q(column.Name));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT {text}, COUNT(*) FROM {q(table)} GROUP BY {text}"), ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.IsDBNull(0) ? "" : reader.GetString(0)] = PushDownSql.Count(reader.GetValue(1));
        }

        return counts;
    }

    /// <summary>As <see cref="Psi.CategoryShares"/>, from counts: the reference's levels in ordinal order, then any other.</summary>
    private static (double[] Expected, double[] Actual) CategoryShares(Dictionary<string, long> reference, Dictionary<string, long> current)
    {
        var levels = reference.Keys.Order(StringComparer.Ordinal).ToList();
        double[] Shares(Dictionary<string, long> counts)
        {
            var total = counts.Values.Sum();
            var shares = new double[levels.Count + 1];
            for (var l = 0; l < levels.Count; l++)
            {
                shares[l] = counts.GetValueOrDefault(levels[l]);
            }

            shares[^1] = total - levels.Sum(l => counts.GetValueOrDefault(l));
            return [.. shares.Select(c => total == 0 ? 0 : c / total)];
        }

        return (Shares(reference), Shares(current));
    }
}
