using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scores;

/// <summary>Try a definition on one reference date without storing anything.</summary>
public sealed record PreviewScore(ScoreDefinition Definition, DateOnly ReferenceDate, int Rows = 20);

public sealed record ScorePreview(IReadOnlyList<WarehouseColumn> Columns, IReadOnlyList<string> Features, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Runs the dataprep limited to a few rows: the SQL error comes back in the warehouse's own words, and
/// the key, target, date columns and feature rules are checked against what the SQL really returns.
/// </summary>
public sealed class PreviewScoreHandler(IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections)
{
    public async Task<ScorePreview> HandleAsync(PreviewScore request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "try dataprep SQL");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var definition = await ScoreRecords.ValidateAsync(db, request.Definition, ct);
        var globals = await db.Variables.AsNoTracking().ToListAsync(ct);
        var variables = BuiltInVariables.Resolve(globals.Select(g => g.ToVariable()), definition.Variables.Select(v => v.ToVariable()), [],
            BuiltInVariables.For(request.ReferenceDate, definition.Horizon));

        await using var session = await connections.OpenAsync(definition.Connection, ct);
        var sql = SqlTemplate.Render(definition.DataprepQuery, variables, session.Dialect);
        var limited = sql with { Sql = session.Dialect.LimitRows(sql.Sql, Math.Clamp(request.Rows, 0, 1000)) };
        var rows = new List<object?[]>();
        IReadOnlyList<WarehouseColumn> columns;
        await using (var reader = await session.ReadAsync(limited, ct))
        {
            columns = Enumerable.Range(0, reader.FieldCount)
                .Select(i => new WarehouseColumn(reader.GetName(i), reader.GetFieldType(i), reader.GetDataTypeName(i))).ToList();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(await ReadRowAsync(reader, ct));
            }
        }

        SnapshotProfiler.Column(columns, definition.KeyColumn, "key");
        SnapshotProfiler.Column(columns, definition.TargetColumn, "target");
        SnapshotProfiler.Column(columns, definition.ReferenceDateColumn, "reference-date");
        var features = FeatureRules.Select(definition, columns.Select(c => c.Name).ToList());
        return new ScorePreview(columns, features, rows);
    }

    private static async Task<object?[]> ReadRowAsync(DbDataReader reader, CancellationToken ct)
    {
        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = await reader.IsDBNullAsync(i, ct) ? null : reader.GetValue(i);
        }

        return row;
    }
}
