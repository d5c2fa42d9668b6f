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

    // An 'x'-prefixed hex string casts to a bit string, and a bit string of at most 64 bits to BIGINT. md5 hashes the text
    // in the database's encoding: UTF-8 (or ASCII keys) gives the hash of the other warehouses.
    public override string KeySampleHash(string keyExpression, int seed) =>
        $"CAST(CAST('x' || substr(md5('{Modeling.KeySample.Prefix(seed)}' || CAST({keyExpression} AS TEXT)), 1, 13) AS BIT(52)) AS BIGINT)";
}
