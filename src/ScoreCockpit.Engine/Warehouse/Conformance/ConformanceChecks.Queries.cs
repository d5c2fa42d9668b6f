using System.Globalization;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;

namespace ScoreCockpit.Engine.Warehouse.Conformance;

/// <summary>The queries the engine runs on snapshots, and values that must come back exactly as written.</summary>
internal sealed partial class ConformanceChecks
{
    // 0.1 + 0.2 is not 0.3 in binary: a warehouse that rounds through decimal text would answer 0.3.
    private static readonly (int Key, DateOnly Date, double Value)[] Values =
    [
        (1, new DateOnly(2026, 1, 31), 0.1 + 0.2),
        (2, new DateOnly(2000, 2, 29), 1.0 / 3),
        (3, new DateOnly(1999, 12, 31), double.MaxValue),
        (4, new DateOnly(1900, 3, 1), 2.2250738585072014E-308),
        (5, new DateOnly(1970, 1, 1), -1E-300),
    ];

    private readonly string valuesTable = scratch.Name("values");

    /// <summary>The profiler itself, as a snapshot build runs it, against figures computed here.</summary>
    private async Task ProfileAsync(CancellationToken ct)
    {
        var definition = new ScoreDefinition
        {
            Name = "conformance",
            DataprepSql = "",
            KeyColumn = "id",
            TargetColumn = "grp",
            ReferenceDateColumn = "id",
        };
        var profile = await SnapshotProfiler.ProfileAsync(session, typedTable, await session.TableColumnsAsync(typedTable, ct), definition, ct);
        var values = Enumerable.Range(0, Rows).Select(Value).OfType<double>().ToList();
        var v = profile.Columns.Single(c => string.Equals(c.Name, "v", StringComparison.OrdinalIgnoreCase));

        Expect("rows", (long)Rows, profile.Rows);
        Expect("positives", (long?)(Rows / 2), profile.Positives);
        Expect("duplicate keys", 0L, profile.DuplicateKeys);
        Expect("null rate of v", 1.0 - ((double)values.Count / Rows), v.NullRate);
        Expect("minimum of v", values.Min(), v.Min);
        Expect("maximum of v", values.Max(), v.Max);
        if (v.Mean is not { } mean || Math.Abs(mean - values.Average()) > 1e-9 * values.Average())
        {
            throw new ConformanceFailure($"mean of v: expected {values.Average():R}, read {v.Mean?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL"}.");
        }
    }

    private async Task CorrelationAsync(CancellationToken ct)
    {
        if (!ColumnCensus.MeasuresCorrelation(d))
        {
            throw new ConformanceSkip($"skipped: not available ({d.Kind} has no corr() aggregate; correlated features are not looked for).");
        }

        var r = Convert.ToDouble(await ScalarAsync(
            $"SELECT corr(CAST(id AS {d.FloatType}), CAST(id AS {d.FloatType}) * 2 + 1) FROM {Q(typedTable)}", ct), CultureInfo.InvariantCulture);
        if (Math.Abs(r - 1) > 1e-9)
        {
            throw new ConformanceFailure($"corr() of two proportional columns: expected 1, read {r:R}.");
        }
    }

    private async Task WithDataprepAsync(CancellationToken ct)
    {
        var table = scratch.Name("with");
        await session.CreateTableAsAsync(table, RenderedSql.Plain(
            $"-- a dataprep as analysts write them\nWITH groups AS (SELECT grp, COUNT(*) AS n FROM {Q(typedTable)} GROUP BY grp)\n" +
            "SELECT grp, n FROM groups"), "grp", ct);
        Expect("customers in group 1", (long)(Rows / 2), await LongAsync($"SELECT n FROM {Q(table)} WHERE grp = 1", ct));
        Expect("groups", 2L, await session.CountRowsAsync(table, ct));
    }

    private async Task WindowAsync(CancellationToken ct) =>
        // The last id of each group ranks first: ids Rows - 1 and Rows.
        Expect("sum of the ids ranked first in their group", 2L * Rows - 1, await LongAsync(
            $"SELECT SUM(id) FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY id DESC) AS rn FROM {Q(typedTable)}) AS w " +
            "WHERE rn = 1", ct));

    private async Task DateAndFloatAsync(CancellationToken ct)
    {
        await session.ExecuteAsync(d.CreateTable(valuesTable,
            [$"{Q("k")} {d.IntegerType} NOT NULL", $"{Q("d")} DATE", $"{Q("x")} {d.FloatType}"], "k"), ct);
        foreach (var (key, date, value) in Values)
        {
            await session.ExecuteAsync(
                $"INSERT INTO {Q(valuesTable)} (k, d, x) VALUES ({Text(key)}, {d.DateLiteral(date)}, " +
                $"CAST({d.TextLiteral(value.ToString("R", CultureInfo.InvariantCulture))} AS {d.FloatType}))", ct);
        }

        await session.ExecuteAsync($"INSERT INTO {Q(valuesTable)} (k, d, x) VALUES ({Text(Values.Length + 1)}, NULL, NULL)", ct);
        await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT k, d, x FROM {Q(valuesTable)} WHERE k <= {Text(Values.Length)} ORDER BY k"), ct);
        var read = 0;
        while (await reader.ReadAsync(ct))
        {
            var (key, date, value) = Values[read++];
            Expect($"key of row {key}", (long)key, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
            Expect($"date of row {key}", date, AsDate(reader.GetValue(1)));
            Expect($"double of row {key}", value, Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture));
        }

        Expect("rows read back", Values.Length, read);
    }

    private async Task NullsAsync(CancellationToken ct)
    {
        Expect("NULL dates", 1L, await LongAsync($"SELECT COUNT(*) - COUNT(d) FROM {Q(valuesTable)}", ct));
        Expect("NULL doubles", 1L, await LongAsync($"SELECT COUNT(*) - COUNT(x) FROM {Q(valuesTable)}", ct));
        await using var reader = await session.ReadAsync(
            RenderedSql.Plain($"SELECT d, x FROM {Q(valuesTable)} WHERE k = {Text(Values.Length + 1)}"), ct);
        Expect("the row of NULLs read back", true, await reader.ReadAsync(ct));
        Expect("the NULL date and double read back as NULL", (true, true), (await reader.IsDBNullAsync(0, ct), await reader.IsDBNullAsync(1, ct)));
    }

    private Task<object?> ScalarAsync(string sql, CancellationToken ct) => session.ScalarAsync(RenderedSql.Plain(sql), ct);

    private async Task<long> LongAsync(string sql, CancellationToken ct) =>
        WarehouseValues.Long(await ScalarAsync(sql, ct) ?? throw new ConformanceFailure($"no value from: {sql}"));

    private static DateOnly? AsDate(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => null,
    };
}
