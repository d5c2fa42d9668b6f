using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// PostgreSQL through Npgsql: named parameters (<c>@name</c>). Quoted identifiers are case-sensitive here:
/// <c>"Scores"</c> and an analyst's unquoted <c>scores</c> are two tables.
/// </summary>
public sealed class PostgresDialect : StandardSqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override WarehouseKind Kind => WarehouseKind.Postgres;

    public override string FloatType => "DOUBLE PRECISION";

    public override string? ParameterMarker(string name) => "@" + name;

    public override string TextType(int? length = null) =>
        length is { } n ? string.Create(CultureInfo.InvariantCulture, $"VARCHAR({n})") : "TEXT";
}
