using System.Globalization;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling.Plans;

/// <summary>Plans written as SQL (the in-warehouse checks are in DemoPlans (run by DemoHistoryTests) and the warehouse chain).</summary>
public sealed class PlanSqlTests
{
    /// <summary>The written comparison, evaluated here on doubles, routes every value as ML.NET's float comparison does.</summary>
    [Fact]
    public void A_threshold_on_the_double_value_routes_as_the_float_comparison()
    {
        var random = new Random(5);
        float[] edges = [0f, -0f, float.Epsilon, -float.Epsilon, 1f, -1f, 0.1f, float.MaxValue, -float.MaxValue, 16777216f, 16777217f];
        var thresholds = edges.Concat(Enumerable.Range(0, 2_000).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-40, 39))))).ToList();
        foreach (var t in thresholds)
        {
            var (op, bound) = Parse(PlanSql.AtMost("x", t));
            var up = MathF.BitIncrement(t);
            var mid = float.IsPositiveInfinity(up) ? 3.4028235677973366E+38 : ((double)t + up) / 2;
            // Around the threshold, on the midpoint and one double either side of it, and far away.
            double[] values = [t, up, MathF.BitDecrement(t), mid, Math.BitIncrement(mid), Math.BitDecrement(mid), double.MaxValue, -double.MaxValue, 1e300, -1e300, random.NextDouble()];
            foreach (var x in values)
            {
                var written = op == "<=" ? x <= bound : x < bound;
                Assert.True((float)x <= t == written, $"x={x:R} t={t:R}: float says {(float)x <= t}, SQL says {written}");
            }
        }
    }

    private static (string Op, double Bound) Parse(string predicate)
    {
        var parts = predicate.Split(' ');
        return parts.Length == 3 ? (parts[1], double.Parse(parts[2], CultureInfo.InvariantCulture)) : ("<=", double.PositiveInfinity);
    }
}
