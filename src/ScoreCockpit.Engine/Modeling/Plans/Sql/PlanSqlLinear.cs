using System.Globalization;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling.Plans.Sql;

/// <summary>
/// A linear plan's running sum as SQL, in REAL as <see cref="LinearKernel"/> computes it: each slot rounded to float and
/// scaled, the non-zero slots counted, then the dense or the sparse dot product the kernel would take for that row, in
/// its order of additions on this machine (<see cref="LinearArithmetic"/>), added to the bias. Where REAL is 8 bytes
/// (Teradata) the same sums run in double, within 1e-6 of the kernel.
/// </summary>
internal static class PlanSqlLinear
{
    private const string Zero = "CAST(0E0 AS REAL)";

    /// <param name="featurised">The featurised sub-select: k, the slots s0, s1… as doubles, the carried columns c0, c1….</param>
    /// <returns>A SELECT of k, the running sum as <c>running</c> and the carried columns.</returns>
    public static string Running(ScoringPlan plan, PlanLinear linear, ISqlDialect dialect, string featurised, string carried,
        LinearArithmetic arithmetic)
    {
        var n = plan.Slots;
        var fence = PlanSql.Fence(dialect);
        var z = Enumerable.Range(0, n).Select(i => $"z{i}").ToArray();
        var zList = string.Join(", ", z);
        var scaled = $"SELECT k, {string.Join(", ", Enumerable.Range(0, n).Select(i => $"{Scaled(plan.Scaling, i)} AS z{i}"))}{carried} " +
            $"FROM ({featurised}{fence}) featurised";

        var nonZero = z.Select(v => $"CASE WHEN {v} <> 0 THEN 1 ELSE 0 END").ToArray();
        // Rows with at least half their slots non-zero take the dense product; the others the sparse one, which past
        // 16 entries adds in lanes that depend on each entry's position among the non-zero slots.
        var half = n / 2;
        var withLanes = arithmetic.SparseLanes && half > LinearKernel.SparseVectorThreshold;
        var counted = $"SELECT k, {zList}{carried}, {string.Join(" + ", nonZero)} AS nz FROM ({scaled}{fence}) scaled";

        var products = Enumerable.Range(0, n).Select(i => $"({Real(linear.Weights[i])} * z{i})").ToArray();
        var dense = linear.WeightSlots is { } held
            ? Sparse(held.Select(i => Exact(linear.Weights[i], $"z{i}", dialect)).ToArray(), arithmetic, dialect)
            : PlanSqlDot.Dense(products, arithmetic.DotWidth, Zero);
        var sparse = PlanSqlDot.Sequential(products, Zero);
        var source = counted;
        if (withLanes)
        {
            // Each slot's position among the row's non-zero slots (-1 when it is zero), from flags u0, u1…; then the exact
            // product of the p-th non-zero slot, for each position a row of fewer than half non-zero slots can hold.
            var flagged = $"SELECT k, {zList}{carried}, nz, {string.Join(", ", nonZero.Select((f, i) => $"{f} AS u{i}"))} FROM ({counted}{fence}) counted";
            var positioned = $"SELECT k, {zList}{carried}, nz, " + string.Join(", ", Enumerable.Range(0, n).Select(i =>
                $"CASE WHEN u{i} = 1 THEN {(i == 0 ? "0" : string.Join(" + ", Enumerable.Range(0, i).Select(j => $"u{j}")))} ELSE -1 END AS pos{i}, " +
                $"{Exact(linear.Weights[i], $"z{i}", dialect)} AS x{i}")) + $" FROM ({flagged}{fence}) flagged";
            var entries = Enumerable.Range(0, half).Select(p =>
                $"CASE {string.Join(" ", Enumerable.Range(p, n - p).Select(i => $"WHEN pos{i} = {p} THEN x{i}"))} END AS e{p}");
            source = $"SELECT k, {zList}{carried}, nz, {string.Join(", ", entries)} FROM ({positioned}{fence}) positioned";
            var byCount = Enumerable.Range(LinearKernel.SparseVectorThreshold, half - LinearKernel.SparseVectorThreshold).Select(k =>
                $"WHEN {k} THEN {PlanSqlDot.Lanes([.. Enumerable.Range(0, k).Select(p => $"e{p}")], arithmetic.Fused, Zero, dialect.FloatType)}");
            sparse = $"CASE WHEN nz < {LinearKernel.SparseVectorThreshold} THEN {sparse} ELSE CASE nz {string.Join(" ", byCount)} END END";
        }

        var dot = $"CASE WHEN nz = 0 THEN {Zero} WHEN nz >= {half} THEN {dense} ELSE {sparse} END";
        return $"SELECT k, ({Real(linear.Bias)} + {dot}) AS running{carried} FROM ({source}{fence}) summed";
    }

    /// <summary>The sparse product over fixed entries (weights ML.NET holds sparse): one by one below 16, else in lanes.</summary>
    private static string Sparse(string[] exact, LinearArithmetic arithmetic, ISqlDialect dialect) =>
        exact.Length < LinearKernel.SparseVectorThreshold || !arithmetic.SparseLanes
            ? PlanSqlDot.Sequential(exact.Select(e => $"CAST({e} AS REAL)"), Zero)
            : PlanSqlDot.Lanes(exact, arithmetic.Fused, Zero, dialect.FloatType);

    /// <summary>Slot i as the kernel's float, min-max scaled in float.</summary>
    private static string Scaled(PlanScaling? scaling, int i)
    {
        var slot = $"CAST(s{i} AS REAL)";
        if (scaling is null)
        {
            return slot;
        }

        return scaling.Offset is { } offset
            ? $"(({slot} - {Real(offset[i])}) * {Real(scaling.Scale[i])})"
            : $"({slot} * {Real(scaling.Scale[i])})";
    }

    /// <summary>Weight × slot in double: exact for two floats, so it rounds once wherever it is rounded.</summary>
    private static string Exact(float weight, string slot, ISqlDialect dialect) => $"({PlanSql.Number(weight)} * CAST({slot} AS {dialect.FloatType}))";

    private static string Real(float value) => string.Create(CultureInfo.InvariantCulture, $"CAST({PlanSql.Number(value)} AS REAL)");
}
