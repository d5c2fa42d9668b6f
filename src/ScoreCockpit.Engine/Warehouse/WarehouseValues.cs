using System.Globalization;
using System.Numerics;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>Numbers as warehouses return them: sums and counts are widened differently (DuckDB answers HUGEINT, read as BigInteger).</summary>
public static class WarehouseValues
{
    /// <summary>A count or sum; NULL (a sum over no row) is 0.</summary>
    public static long Long(object? value) => value switch
    {
        null or DBNull => 0,
        BigInteger big => (long)big,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public static double? Double(object? value) => value switch
    {
        null or DBNull => null,
        BigInteger big => (double)big,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };
}
