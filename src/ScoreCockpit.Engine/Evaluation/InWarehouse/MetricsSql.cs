using System.Data.Common;
using System.Globalization;
using System.Numerics;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation.InWarehouse;

/// <summary>
/// <see cref="Metrics.Compute(ReadOnlySpan{double}, ReadOnlySpan{bool}, IReadOnlyList{decimal}?)"/> computed by the
/// warehouse: the rows stay there, one statement (<see cref="MetricsStatement"/>) folds them into tie groups and returns
/// the sums and shares, and only the ratios between those few numbers are taken here, with the operations Metrics
/// uses, so the results equal the in-process ones to 1e-9 (the counts and the AUC exactly).
/// </summary>
internal static class MetricsSql
{
    /// <param name="select">A SELECT giving the columns <c>score</c> (a number) and <c>label</c> (0 or 1).</param>
    public static async Task<MetricSet> ComputeAsync(WarehouseSession session, string select, IReadOnlyList<decimal>? cutoffs = null,
        CancellationToken ct = default)
    {
        cutoffs ??= Metrics.DefaultCutoffs;
        Metrics.ValidateCutoffs(cutoffs);
        var sums = await ReadAsync(session, MetricsStatement.Write(session.Dialect, select, cutoffs), ct);
        if (sums.Rows == 0)
        {
            throw new MetricInputException("There are no rows to evaluate.");
        }

        if (sums.BadScores > 0 || sums.BadLabels > 0)
        {
            throw await FirstBadRowAsync(session, select, ct);
        }

        return Assemble(sums, cutoffs);
    }

    private static MetricSet Assemble(StatementSums sums, IReadOnlyList<decimal> cutoffs)
    {
        long n = sums.Rows, positives = sums.Positives, negatives = n - positives;
        var baseRate = (double)positives / n;
        var ranked = positives > 0 && negatives > 0;
        // Twice the Mann-Whitney U: twice the positives' rank sum, less P(P + 1); equal to Metrics' twice-concordant count.
        var auc = ranked ? (double)(sums.TwiceRankSum - ((Int128)positives * (positives + 1))) / (2.0 * positives * negatives) : (double?)null;
        return new MetricSet
        {
            Rows = n,
            Positives = positives,
            BaseRate = baseRate,
            Auc = auc,
            Gini = 2 * auc - 1,
            Ks = ranked ? Math.Max(0.0, sums.Ks ?? 0) : null,
            Cutoffs = [.. cutoffs.Select((k, i) => Cutoff(k, sums.Shares[i], positives, baseRate))],
            Deciles = Deciles(sums, baseRate),
            Brier = sums.BrierSum / n,
            LogLoss = -sums.LogSum / n,
            UndefinedReason = Metrics.UndefinedReason(positives, negatives),
        };
    }

    private static CutoffMetric Cutoff(decimal percent, (double Take, double Caught) share, long positives, double baseRate) =>
        positives == 0
            ? new CutoffMetric(percent, null, null)
            : new CutoffMetric(percent, share.Caught / share.Take / baseRate, share.Caught / positives);

    private static DecileRow[] Deciles(StatementSums sums, double baseRate)
    {
        var positives = sums.Positives;
        var rows = new DecileRow[10];
        double previousTake = 0, previousCaught = 0;
        for (var d = 1; d <= 10; d++)
        {
            var (take, caught) = sums.Shares[MetricsStatement.FirstDecile + d];
            double size = take - previousTake, inDecile = caught - previousCaught;
            double? rate = size > 0 ? inDecile / size : null;
            rows[d - 1] = new DecileRow(
                d, size, inDecile, rate,
                positives > 0 ? caught / positives : null,
                positives > 0 ? rate / baseRate : null);
            (previousTake, previousCaught) = (take, caught);
        }

        return rows;
    }

    private sealed record StatementSums(long Rows, long Positives, long BadScores, long BadLabels, Int128 TwiceRankSum, double? Ks,
        double BrierSum, double LogSum, Dictionary<int, (double Take, double Caught)> Shares);

    private static async Task<StatementSums> ReadAsync(WarehouseSession session, string sql, CancellationToken ct)
    {
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), ct);
        StatementSums? sums = null;
        while (await reader.ReadAsync(ct))
        {
            sums ??= new StatementSums(
                Integer(reader, 0), Integer(reader, 1), Integer(reader, 2), Integer(reader, 3),
                reader.IsDBNull(4) ? 0 : Wide(reader.GetValue(4)), Double(reader, 5), Double(reader, 6) ?? 0, Double(reader, 7) ?? 0, []);
            if (!reader.IsDBNull(8))
            {
                sums.Shares[(int)Integer(reader, 8)] = (Double(reader, 9)!.Value, Double(reader, 10)!.Value);
            }
        }

        return sums ?? throw new InvalidOperationException("The metrics statement returned no row.");
    }

    /// <summary>
    /// The error Metrics gives for the first bad row, found by reading the rows in the order the SELECT gives them (only
    /// when the statement counted one).
    /// </summary>
    private static async Task<MetricInputException> FirstBadRowAsync(WarehouseSession session, string select, CancellationToken ct)
    {
        await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT score, label FROM ({select}) scored_input"), ct);
        for (long row = 1; await reader.ReadAsync(ct); row++)
        {
            var score = reader.IsDBNull(0) ? (double?)null : Convert.ToDouble(reader.GetValue(0), CultureInfo.InvariantCulture);
            if (score is null)
            {
                return new MetricInputException($"Row {row}: the score is NULL; scores must be finite numbers.") { Row = row };
            }

            if (!double.IsFinite(score.Value))
            {
                return Metrics.NotFinite(row, score.Value);
            }

            var label = reader.IsDBNull(1) ? (double?)null : Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
            if (label is not (0 or 1))
            {
                var shown = label?.ToString(CultureInfo.InvariantCulture) ?? "NULL";
                return new MetricInputException($"Row {row}: the label is {shown}; labels must be 0 or 1.") { Row = row };
            }
        }

        return new MetricInputException("A score or label changed while it was being evaluated.");
    }

    private static long Integer(DbDataReader reader, int ordinal) => (long)Wide(reader.GetValue(ordinal));

    /// <summary>Integers as the warehouses return them: BIGINT, HUGEINT (DuckDB's sums) or NUMERIC (PostgreSQL's).</summary>
    private static Int128 Wide(object value) => value switch
    {
        BigInteger big => (Int128)big,
        decimal d => (Int128)d,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static double? Double(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
