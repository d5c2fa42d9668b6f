using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Registry;

/// <summary>
/// A version's plan written as SQL for a warehouse kind (default: the kind of the score's connection), reading
/// <see cref="Table"/> (default: the score's latest snapshot).
/// </summary>
public sealed record VersionSql(string Score, int Number, WarehouseKind? Dialect = null, string? Table = null);

/// <summary>The script, and the text people run by hand: a comment header, then its statements.</summary>
public sealed record VersionSqlText(string Score, int Number, WarehouseKind Dialect, string Table, PlanSqlScript Script, string Text)
{
    /// <summary>A file name for the download.</summary>
    public string FileName => $"{Score}-v{Number}.{VersionSqlHandler.NameOf(Dialect)}.sql";
}

/// <summary>
/// Writes a version's plan as SQL without connecting to the warehouse: the dialect comes from the kind alone. Anyone
/// signed in may read it, as the plan's JSON. Refused for an unknown or purged version, and with
/// <see cref="PlanSqlLimitException"/> for a plan the warehouse's limits cannot hold.
/// </summary>
public sealed class VersionSqlHandler(IDbContextFactory<CockpitDbContext> contexts, ScoringPlans plans)
{
    private static readonly (string Name, WarehouseKind Kind)[] Names =
        [("duckdb", WarehouseKind.DuckDb), ("postgres", WarehouseKind.Postgres), ("sqlserver", WarehouseKind.SqlServer), ("teradata", WarehouseKind.Teradata)];

    /// <summary>The names the CLI and the page take, in order.</summary>
    public static IReadOnlyList<string> DialectNames { get; } = [.. Names.Select(n => n.Name)];

    public static string NameOf(WarehouseKind kind) => Names.Single(n => n.Kind == kind).Name;

    /// <summary>A dialect by its name; refused with the list of names.</summary>
    public static WarehouseKind Parse(string name) =>
        Names.FirstOrDefault(n => string.Equals(n.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } found
            ? found.Kind
            : throw new CockpitValidationException($"Unknown dialect '{name}': use one of {string.Join(", ", DialectNames)}.");

    public async Task<VersionSqlText> HandleAsync(VersionSql request, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await Scores.ScoreRecords.FindAsync(db, request.Score, ct);
        var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ScoreId == score.Id && v.Number == request.Number, ct)
            ?? throw new CockpitValidationException($"{score.Name} has no version {request.Number}.");
        if (version.PurgedAt is not null)
        {
            throw new CockpitValidationException($"Version {request.Number} of {score.Name} was purged: its model and plan are gone.");
        }

        var definition = Scores.ScoreRecords.Definition(score);
        var kind = request.Dialect ?? await ConnectionKindAsync(db, definition.Connection, ct);
        var plan = (await plans.GetAsync(version, score.Name, ct)).Plan;
        var latest = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id).OrderByDescending(s => s.ReferenceDate).FirstOrDefaultAsync(ct);
        var table = request.Table ?? latest?.TableName ?? throw new CockpitValidationException(
            $"{score.Name} has no snapshot yet: give the table to read.");
        // The snapshot's own columns when it is the table read (and profiled); any other table is taken to hold every input.
        IReadOnlyCollection<string> columns = request.Table is null && latest is { Columns.Count: > 0 }
            ? [.. latest.Columns.Select(c => c.Name)]
            : [.. plan.Inputs.Select(i => i.Name)];
        var script = PlanSql.Script(plan, Dialects.For(kind), table, definition.KeyColumn, columns);
        var limits = PlanSqlLimits.For(kind);
        var header = new List<string>
        {
            $"-- {score.Name} v{version.Number} ({version.Algorithm}) written as SQL for {limits.Name} by ScoreCockpit.",
            $"-- Reads {table}; returns {definition.KeyColumn}, raw_score and probability, one row per row of the table.",
        };
        if (script.Setup.Count > 0)
        {
            header.Add($"-- Past {limits.Name}'s {limits.StatementLimit}: the first statements build scratch tables, the last drops them.");
        }

        if (plan.Linear is not null)
        {
            header.Add($"-- Sums in the order of the kernel on the machine that wrote it ({Modeling.Plans.LinearArithmetic.OfThisMachine.Describe()}).");
        }

        if (!limits.HasFloat32)
        {
            header.Add($"-- {limits.Name} has no 4-byte float: scores equal ScoreCockpit's within 1e-6, not bit for bit.");
        }

        return new(score.Name, version.Number, kind, table, script, string.Join("\n", header) + "\n\n" + script.Text);
    }

    private static async Task<WarehouseKind> ConnectionKindAsync(CockpitDbContext db, string connection, CancellationToken ct) =>
        connection == WarehouseConnectionInfo.DemoName
            ? WarehouseKind.DuckDb
            : await db.WarehouseConnections.AsNoTracking().Where(c => c.Name == connection).Select(c => (WarehouseKind?)c.Kind).SingleOrDefaultAsync(ct)
                ?? throw new CockpitValidationException($"There is no warehouse connection named '{connection}': choose a dialect.");
}
