using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>Guesses how a column should be used from its type and its profile. Pure, so it is easy to test.</summary>
public static class ColumnKindInference
{
    /// <summary>Above this many rows, a column unique on (nearly) every row is taken for an identifier.</summary>
    private const long IdentifierMinimumRows = 100;

    public static bool IsNumeric(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(decimal)
        || type == typeof(double) || type == typeof(float) || type == typeof(System.Numerics.BigInteger);

    public static bool IsDate(Type type) => type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset);

    public static ColumnKind Infer(string name, Type type, long rows, long nonNull, long distinct, double? min, double? max, bool isKey)
    {
        if (isKey)
        {
            return ColumnKind.Identifier;
        }

        if (type == typeof(bool))
        {
            return ColumnKind.Boolean;
        }

        if (IsDate(type))
        {
            return ColumnKind.Date;
        }

        var uniqueOnEveryRow = nonNull > IdentifierMinimumRows && distinct >= nonNull * 0.98;
        if (IsNumeric(type))
        {
            if (distinct <= 2 && min >= 0 && max <= 1)
            {
                return ColumnKind.Boolean;
            }

            var integral = type != typeof(double) && type != typeof(float) && type != typeof(decimal);
            return integral && uniqueOnEveryRow && name.EndsWith("id", StringComparison.OrdinalIgnoreCase)
                ? ColumnKind.Identifier
                : ColumnKind.Numeric;
        }

        return uniqueOnEveryRow && rows > 0 ? ColumnKind.Identifier : ColumnKind.Categorical;
    }
}
