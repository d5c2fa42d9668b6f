using System.Globalization;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>What one pass of SQL over the training snapshots says of a feature: its missing rows, and its single value when constant.</summary>
internal sealed record ColumnFacts(long Missing, bool Constant, string? Value);

/// <summary>|Pearson r| of two numeric or boolean features over the rows where both are present.</summary>
internal sealed record Correlation(string First, string Second, double R);

/// <summary>
/// Asks the warehouse, in a few aggregate queries over the training snapshots stacked with UNION ALL, what variable
/// reduction needs: rows, missing counts, MIN = MAX for constants, and corr() for every pair of numeric features.
/// A feature absent from a snapshot reads as NULL there, so it counts as missing on that snapshot's rows.
/// </summary>
internal static class ColumnCensus
{
    /// <summary>corr() aggregates per query: a few hundred features make tens of thousands of pairs, more than one SELECT should carry.</summary>
    private const int PairsPerQuery = 1_000;

    /// <summary>Warehouses with a corr() aggregate; SQL Server has none, so its correlations are not measured.</summary>
    public static bool MeasuresCorrelation(ISqlDialect dialect) =>
        dialect.Kind is WarehouseKind.DuckDb or WarehouseKind.Postgres or WarehouseKind.Teradata;

    public static async Task<(long Rows, Dictionary<string, ColumnFacts> Facts)> ReadAsync(WarehouseSession session,
        TrainingColumns columns, IReadOnlyList<FeatureColumn> features, CancellationToken ct)
    {
        var d = session.Dialect;
        var types = columns.Types;
        var from = Stacked(d, columns, features, f => d.QuoteIdentifier(f.Name), "NULL");
        // MIN and MAX of a boolean are refused by PostgreSQL and SQL Server: compared as integers.
        var aggregates = features.Select(f => (Column: d.QuoteIdentifier(f.Name), Value: IsBoolean(types[f.Name])
                ? $"CAST({d.QuoteIdentifier(f.Name)} AS INTEGER)" : d.QuoteIdentifier(f.Name)))
            .Select(c => $"COUNT(*) - COUNT({c.Column}), MIN({c.Value}), MAX({c.Value})");
        await using var reader = await session.ReadAsync(RenderedSql.Plain(
            $"SELECT {string.Join(", ", aggregates.Prepend("COUNT(*)"))} FROM ({from}) AS stacked"), ct);
        await reader.ReadAsync(ct);
        // The reader is sequential (PostgreSQL refuses to go back to a column): the row is read whole, in order, first.
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        var rows = Convert.ToInt64(values[0], CultureInfo.InvariantCulture);
        var facts = new Dictionary<string, ColumnFacts>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < features.Count; i++)
        {
            var (min, max) = (values[2 + 3 * i], values[3 + 3 * i]);
            var constant = min is DBNull || Equals(min, max);
            facts[features[i].Name] = new ColumnFacts(Convert.ToInt64(values[1 + 3 * i], CultureInfo.InvariantCulture),
                constant, constant && min is not DBNull ? Text(min, IsBoolean(types[features[i].Name])) : null);
        }

        return (rows, facts);
    }

    /// <summary>Every pair of <paramref name="features"/> (numeric or boolean) with its |r|; pairs without one (no common rows) are left out.</summary>
    public static async Task<List<Correlation>> CorrelationsAsync(WarehouseSession session,
        TrainingColumns columns, IReadOnlyList<FeatureColumn> features, CancellationToken ct)
    {
        var (d, types) = (session.Dialect, columns.Types);
        var pairs = new List<(int First, int Second)>();
        for (var i = 0; i < features.Count; i++)
        {
            for (var j = i + 1; j < features.Count; j++)
            {
                pairs.Add((i, j));
            }
        }

        // Cast once per column in the stacked rows, not once per pair; columns are renamed c0, c1… to keep the SQL short.
        var from = Stacked(d, columns, features, f => IsBoolean(types[f.Name])
                ? $"CAST(CAST({d.QuoteIdentifier(f.Name)} AS INTEGER) AS DOUBLE PRECISION)"
                : $"CAST({d.QuoteIdentifier(f.Name)} AS DOUBLE PRECISION)",
            "CAST(NULL AS DOUBLE PRECISION)", alias: i => $"c{i}");
        var result = new List<Correlation>();
        foreach (var chunk in pairs.Chunk(PairsPerQuery))
        {
            await using var reader = await session.ReadAsync(RenderedSql.Plain(
                $"SELECT {string.Join(", ", chunk.Select(p => $"corr(c{p.First}, c{p.Second})"))} FROM ({from}) AS stacked"), ct);
            await reader.ReadAsync(ct);
            for (var k = 0; k < chunk.Length; k++)
            {
                var r = reader.IsDBNull(k) ? double.NaN : Convert.ToDouble(reader.GetValue(k), CultureInfo.InvariantCulture);
                if (double.IsFinite(r))
                {
                    result.Add(new Correlation(features[chunk[k].First].Name, features[chunk[k].Second].Name, Math.Abs(r)));
                }
            }
        }

        return result;
    }

    private static string Stacked(ISqlDialect d, TrainingColumns columns, IReadOnlyList<FeatureColumn> features, Func<FeatureColumn, string> value, string absent, Func<int, string>? alias = null)
    {
        alias ??= i => d.QuoteIdentifier(features[i].Name);
        return string.Join("\nUNION ALL\n", columns.TrainingTables.Select(table =>
        {
            var values = features.Select((f, i) => $"{(columns.Holds(table, f.Name) ? value(f) : absent)} AS {alias(i)}").ToList();
            // A SELECT needs at least one column: with no feature left only the rows are counted.
            return $"SELECT {(values.Count == 0 ? "1 AS one" : string.Join(", ", values))} FROM {d.QuoteIdentifier(table)}";
        }));
    }

    private static bool IsBoolean(Type type) => type == typeof(bool);

    private static string Text(object value, bool boolean) => boolean
        ? (Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0 ? "true" : "false")
        : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
