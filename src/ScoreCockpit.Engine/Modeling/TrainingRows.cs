using System.Data.Common;
using System.Globalization;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// Where a training reads its rows: the warehouse keeps the key sample (<see cref="KeySample"/>) and returns the rows
/// ordered by the sample hash, then the key, so only the sampled rows travel and every warehouse hands ML.NET the same
/// rows in the same order. A warehouse without MD5 (Teradata) returns every row and the C# twin keeps the same sample.
/// </summary>
internal static class TrainingRows
{
    /// <summary>The sample hash's column in the derived table the rows are read from; never a column of the result.</summary>
    private const string HashColumn = "key_sample_hash";

    /// <summary>
    /// The rows of <paramref name="tables"/>, sampled by key when <paramref name="fraction"/> is below 1. Validation reads
    /// pass 1: nothing is left out, but the order is the same on every warehouse, so ties in the scores rank alike.
    /// </summary>
    public static WarehouseRowsView View(WarehouseSession session, TrainingRequest request, IReadOnlyList<string> tables,
        TrainingColumns columns, IReadOnlyList<InputColumn> inputs, double fraction, string where, CancellationToken ct)
    {
        var inSql = !request.SamplesInMemory && session.Dialect.KeySampleHash(request.KeyColumn, request.Seed) is not null;
        return new WarehouseRowsView(inputs,
            () => Readers(session, tables, columns.ByTable, inputs, request, inSql ? fraction : null),
            where, !inSql && fraction < 1 ? Keep(request, fraction) : null, ct);
    }

    /// <summary>
    /// The statement reading <paramref name="columns"/> of a table, keeping hashes under the fraction's threshold, ordered
    /// by hash then key; null when the warehouse computes no hash. The hash is computed once, in a derived table.
    /// </summary>
    public static string? SampledSelect(ISqlDialect dialect, string table, IReadOnlyList<string> columns, string keyColumn, int seed, double fraction)
    {
        var key = dialect.QuoteIdentifier(keyColumn);
        if (dialect.KeySampleHash(key, seed) is not { } hash)
        {
            return null;
        }

        var list = string.Join(", ", columns.Select(dialect.QuoteIdentifier));
        var keep = fraction < 1 ? string.Create(CultureInfo.InvariantCulture, $" WHERE {HashColumn} < {KeySample.Threshold(fraction)}") : "";
        return $"SELECT {list} FROM (SELECT {list}, {hash} AS {HashColumn} FROM {dialect.QuoteIdentifier(table)}) AS sampled" +
            $"{keep} ORDER BY {HashColumn}, {key}";
    }

    /// <summary>One reader per table, opened when the cursor reaches it, on the session's connection.</summary>
    private static IEnumerable<DbDataReader> Readers(WarehouseSession session, IEnumerable<string> tables,
        IReadOnlyDictionary<string, HashSet<string>> columns, IReadOnlyList<InputColumn> inputs, TrainingRequest request, double? fraction)
    {
        var dialect = session.Dialect;
        foreach (var table in tables)
        {
            var wanted = inputs.Select(i => i.Source).Append(request.KeyColumn)
                .Where(columns[table].Contains).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            using var command = session.Connection.CreateCommand();
            command.CommandText = fraction is { } f && SampledSelect(dialect, table, wanted, request.KeyColumn, request.Seed, f) is { } sampled
                ? sampled
                : $"SELECT {string.Join(", ", wanted.Select(dialect.QuoteIdentifier))} FROM {dialect.QuoteIdentifier(table)}";
            command.CommandTimeout = 0;
            using var reader = command.ExecuteReader();
            yield return reader;
        }
    }

    /// <summary>The in-memory sample: the C# twin of the warehouse's hash, on the key as text; a row without a key is left out, as in SQL.</summary>
    private static Func<DbDataReader, int[], bool> Keep(TrainingRequest request, double fraction)
    {
        DbDataReader? last = null;
        var key = -1;
        return (reader, _) =>
        {
            if (!ReferenceEquals(reader, last))
            {
                (last, key) = (reader, reader.GetOrdinal(request.KeyColumn));
            }

            return !reader.IsDBNull(key) && KeySample.Keeps(InputColumn.ReadText(reader, key), request.Seed, fraction);
        };
    }
}
