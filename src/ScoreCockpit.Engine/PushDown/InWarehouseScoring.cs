using System.Globalization;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.PushDown;

/// <summary>What an in-warehouse run learnt of its scores without reading one: the same summary an in-process run records.</summary>
internal sealed record StagedScores(long Rows, double? Mean, double[] Histogram, double[] DecileCuts);

/// <summary>
/// A scoring run inside the warehouse: one INSERT … SELECT runs the plan's SQL and ranks the customers with window
/// functions into the staging table, then the distribution is read back as aggregates. The swap is the in-process
/// run's (<see cref="ScoreOutput.Swap"/>). Ranks, deciles and percentiles follow <see cref="ScoreDistribution"/>:
/// highest score first, ties by the key's text in ordinal order; decile ⌊10 (r − 1) / n⌋ + 1 and percentile
/// 100 (n − r + 1) / n, divided in DOUBLE as .NET divides.
/// </summary>
internal static class InWarehouseScoring
{
    public static string InsertSql(ISqlDialect dialect, ScoringPlan plan, string table, IReadOnlyCollection<WarehouseColumn> held, string key,
        string staging, DateOnly date, int version)
    {
        var q = dialect.QuoteIdentifier;
        var scored = PlanSql.Select(plan, dialect, table, key, [.. held.Select(c => c.Name)],
            booleans: [.. held.Where(PushDownSql.IsBoolean).Select(c => c.Name)]);
        var score = PushDownSql.AsDouble(dialect, plan.Calibrator is null ? "raw_score" : "probability");
        var ranked = $"SELECT kt, sc, ROW_NUMBER() OVER (ORDER BY sc DESC, {PushDownSql.Ordinal(dialect, "kt")}) AS rn, COUNT(*) OVER () AS n "
            + $"FROM (SELECT {PushDownSql.KeyText(dialect, q(key))} AS kt, {score} AS sc FROM ({scored}{PlanSql.Fence(dialect)}) s{PlanSql.Fence(dialect)}) t";
        var decile = $"CAST(FLOOR({PushDownSql.AsDouble(dialect, "10 * (rn - 1)")} / {PushDownSql.AsDouble(dialect, "n")}) AS {dialect.IntegerType}) + 1";
        var percentile = $"{PushDownSql.AsDouble(dialect, "100")} * {PushDownSql.AsDouble(dialect, "n - rn + 1")} / {PushDownSql.AsDouble(dialect, "n")}";
        var columns = string.Join(", ", ScoreOutput.AllColumns(key).Select(q));
        return $"INSERT INTO {q(staging)} ({columns}) SELECT kt, sc, rn, {decile}, {percentile}, "
            + $"{version.ToString(CultureInfo.InvariantCulture)}, {dialect.DateLiteral(date)} FROM ({ranked}) r";
    }

    /// <summary>Scores and ranks into a fresh staging table and summarises it; a failure drops what it staged.</summary>
    public static async Task<StagedScores> StageAsync(WarehouseSession session, ScoringPlan plan, string table, IReadOnlyCollection<WarehouseColumn> held,
        string key, string output, DateOnly date, int version, CancellationToken ct)
    {
        var staging = ScoreOutput.Staging(output);
        await session.DropTableIfExistsAsync(staging, ct);
        await session.ExecuteAsync(ScoreOutput.CreateTable(session, staging, key), ct);
        try
        {
            await session.ExecuteAsync(InsertSql(session.Dialect, plan, table, held, key, staging, date, version), ct);
            return await SummariseAsync(session, staging, ct);
        }
        catch
        {
            await session.DropTableIfExistsAsync(staging, CancellationToken.None);
            throw;
        }
    }

    private static async Task<StagedScores> SummariseAsync(WarehouseSession session, string staging, CancellationToken ct)
    {
        var q = session.Dialect.QuoteIdentifier;
        long rows;
        double? mean;
        await using (var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT COUNT(*), AVG(score) FROM {q(staging)}"), ct))
        {
            await reader.ReadAsync(ct);
            rows = PushDownSql.Count(reader.GetValue(0));
            mean = reader.IsDBNull(1) ? null : Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        // (int)(score × 20) clamped to the end bins, as ScoreDistribution.Histogram counts.
        var bins = ScoreDistribution.HistogramBins;
        var bin = $"CASE WHEN score * {bins} >= {bins - 1} THEN {bins - 1} WHEN score * {bins} < 1 THEN 0 "
            + $"ELSE CAST(FLOOR(score * {bins}) AS {session.Dialect.IntegerType}) END";
        var counts = new double[bins];
        await using (var reader = await session.ReadAsync(
            RenderedSql.Plain($"SELECT b, COUNT(*) FROM (SELECT {bin} AS b FROM {q(staging)}) x GROUP BY b"), ct))
        {
            while (await reader.ReadAsync(ct))
            {
                counts[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = PushDownSql.Count(reader.GetValue(1));
            }
        }

        var histogram = counts.Select(c => rows == 0 ? 0 : c / rows).ToArray();
        // The score at rank ⌈k n / 10⌉, as ScoreDistribution.DecileCuts reads it from the sorted scores.
        var cutRanks = Enumerable.Range(1, 9).Select(k => Math.Max(1, (long)Math.Ceiling(k * rows / 10.0))).ToArray();
        var cuts = new Dictionary<long, double>();
        if (rows > 0)
        {
            await using var reader = await session.ReadAsync(RenderedSql.Plain(
                $"SELECT score_rank, score FROM {q(staging)} WHERE score_rank IN ({string.Join(", ", cutRanks.Distinct())})"), ct);
            while (await reader.ReadAsync(ct))
            {
                cuts[Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)] = Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        return new StagedScores(rows, mean, histogram, rows == 0 ? [] : [.. cutRanks.Select(r => cuts[r])]);
    }
}
