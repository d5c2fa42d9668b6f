using System.Globalization;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation.InWarehouse;

/// <summary>
/// The one statement behind <see cref="MetricsSql"/>: (score, label) rows folded into one row per distinct score, and
/// from those groups the counts, the AUC's rank sum, KS, the Brier and log-loss sums and the positives in the top rows
/// of every cut (the cut-offs, then the ten deciles). It returns one row per cut, each carrying the totals.
/// Standard SQL (CTEs, window sums with explicit ROWS frames, CASE); the few functions that differ go through
/// <see cref="ISqlDialect.Kind"/>.
/// </summary>
internal static class MetricsStatement
{
    /// <summary>Cut numbers from here on are the deciles 1…10; below it, the cut-offs in their order.</summary>
    public const int FirstDecile = 1000;

    public static string Write(ISqlDialect dialect, string select, IReadOnlyList<decimal> cutoffs)
    {
        var f = dialect.FloatType;
        string D(string expression) => $"CAST({expression} AS {f})";
        string Big(string expression) => $"CAST({expression} AS {dialect.BigIntType})";
        var epsilon = D(PlanSql.Number(Metrics.LogLossEpsilon));
        var oneMinusEpsilon = D(PlanSql.Number(1 - Metrics.LogLossEpsilon));
        var clipped = $"CASE WHEN s < {epsilon} THEN {epsilon} WHEN s > {oneMinusEpsilon} THEN {oneMinusEpsilon} ELSE s END";
        var cuts = cutoffs.Select((k, i) => (Number: i, Percent: k))
            .Concat(Enumerable.Range(1, 10).Select(d => (Number: FirstDecile + d, Percent: d * 10m)))
            .Select(c => $"SELECT {c.Number} AS cut_no, {D(c.Percent.ToString(CultureInfo.InvariantCulture))} AS cut_percent");

        // A row whose score is not finite (or NULL), or whose label is not 0 or 1, is counted and kept out of the
        // groups, so the statement runs to the end and the caller names the row. -0.0 is written 0.0: one group, as in Metrics.
        return $"""
            WITH input_rows{Materialized(dialect)} (
              SELECT {D("score")} AS score, label FROM ({select}) scored_input),
            checked_rows AS (
              SELECT CASE WHEN score IS NULL OR NOT ({Finite("score", dialect)}) THEN 1 ELSE 0 END AS bad_score,
                     CASE WHEN label IS NULL OR (label <> 0 AND label <> 1) THEN 1 ELSE 0 END AS bad_label,
                     CASE WHEN score = 0 THEN {D("0")} ELSE score END AS s,
                     CASE WHEN label = 1 THEN 1 ELSE 0 END AS y
              FROM input_rows),
            totals AS (
              SELECT {Big("COUNT(*)")} AS total_rows, {Big("COALESCE(SUM(y), 0)")} AS total_positives,
                     {Big("COALESCE(SUM(bad_score), 0)")} AS bad_scores, {Big("COALESCE(SUM(bad_label), 0)")} AS bad_labels
              FROM checked_rows),
            score_groups AS (
              SELECT s, {Big("COUNT(*)")} AS n, {Big("SUM(y)")} AS p FROM checked_rows WHERE bad_score = 0 AND bad_label = 0 GROUP BY s),
            ranked AS (
              SELECT s, n, p,
                     {Big("SUM(n) OVER (ORDER BY s DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")} AS cum_n,
                     {Big("SUM(p) OVER (ORDER BY s DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")} AS cum_p
              FROM score_groups),
            group_sums AS (
              SELECT SUM(CAST(p AS DECIMAL(38, 0)) * CAST(2 * (t.total_rows - cum_n) + n + 1 AS DECIMAL(38, 0))) AS twice_rank_sum,
                     MAX({D("cum_p")} / NULLIF({D("t.total_positives")}, 0)
                         - {D("cum_n - cum_p")} / NULLIF({D("t.total_rows - t.total_positives")}, 0)) AS ks,
                     SUM({D("p")} * ((s - {D("1")}) * (s - {D("1")})) + {D("n - p")} * (s * s)) AS brier_sum,
                     SUM({D("p")} * {Ln(clipped, dialect)} + {D("n - p")} * {Ln($"{D("1")} - ({clipped})", dialect)}) AS log_sum
              FROM ranked CROSS JOIN totals t),
            cuts AS (
              {string.Join("\n  UNION ALL ", cuts)}),
            takes AS (
              SELECT cut_no, cut_percent * {D("t.total_rows")} / {D("100")} AS cut_take FROM cuts CROSS JOIN totals t),
            shares AS (
              SELECT k.cut_no, k.cut_take,
                     {D("r.cum_p - r.p")} + {D("r.p")} * ((k.cut_take - {D("r.cum_n - r.n")}) / {D("r.n")}) AS caught
              FROM takes k JOIN ranked r ON r.cum_n - r.n < k.cut_take AND r.cum_n >= k.cut_take)
            SELECT t.total_rows, t.total_positives, t.bad_scores, t.bad_labels,
                   m.twice_rank_sum, m.ks, m.brier_sum, m.log_sum, x.cut_no, x.cut_take, x.caught
            FROM totals t CROSS JOIN group_sums m LEFT JOIN shares x ON 1 = 1
            ORDER BY x.cut_no
            """;
    }

    /// <summary>
    /// The input computed once: inlined, a planner substitutes the score's expression (a whole plan written as SQL) for
    /// each of its several uses below, and PostgreSQL then evaluates and JIT-compiles it that many times.
    /// </summary>
    private static string Materialized(ISqlDialect dialect) =>
        dialect.Kind is WarehouseKind.DuckDb or WarehouseKind.Postgres ? " AS MATERIALIZED" : " AS";

    /// <summary>PostgreSQL's double precision values that are not numbers; NaN equals itself there.</summary>
    private static readonly string[] NonFinite = ["NaN", "Infinity", "-Infinity"];

    /// <summary>True when the DOUBLE is a finite number; SQL Server and Teradata floats hold no NaN or infinity.</summary>
    private static string Finite(string value, ISqlDialect dialect) => dialect.Kind switch
    {
        WarehouseKind.DuckDb => $"isfinite({value})",
        WarehouseKind.Postgres => string.Join(" AND ", NonFinite.Select(v => $"{value} <> CAST('{v}' AS DOUBLE PRECISION)")),
        _ => "1 = 1",
    };

    private static string Ln(string value, ISqlDialect dialect) =>
        dialect.Kind == WarehouseKind.SqlServer ? $"LOG({value})" : $"LN({value})";
}
