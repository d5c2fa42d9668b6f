using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>
/// The reference dates a score offers: its calendar rule's dates, or the distinct values of its reference-date column
/// read from the warehouse, so pickers, range builds and backfills start from dates the data has.
/// </summary>
public sealed class ReferenceDatesHandler(IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, CockpitClock clock)
{
    /// <summary>How far back a calendar rule is offered when nothing else bounds it.</summary>
    public const int CalendarYears = 5;

    /// <summary>How many calendar dates are tried, newest first, to find the latest one with rows.</summary>
    private const int Probes = 6;

    /// <summary>The rule's dates from <paramref name="from"/> to <paramref name="to"/> (today and five years back by default), oldest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> ListAsync(ScoreDefinition definition, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default)
    {
        var (first, last) = (from ?? clock.Today.AddYears(-CalendarYears), to ?? clock.Today);
        if (definition.ReferenceDates.Kind != ReferenceDateKind.Column)
        {
            return definition.ReferenceDates.Calendar(first, last);
        }

        var dates = await ColumnDatesAsync(definition, ct);
        return [.. dates.Where(d => (from is null || d >= from) && (to is null || d <= to))];
    }

    /// <summary>
    /// The latest date of the rule, today at the latest, whose dataprep returns rows: the default of every picker.
    /// For a calendar rule the newest few dates are counted; null when none of them has a row.
    /// </summary>
    public async Task<DateOnly?> LatestWithRowsAsync(ScoreDefinition definition, Actor actor, CancellationToken ct = default)
    {
        // Before anything: listing a column rule's dates runs the dataprep too.
        actor.Require(Roles.Analyst, "count dataprep rows");
        var dates = await ListAsync(definition, to: clock.Today, ct: ct);
        if (definition.ReferenceDates.Kind == ReferenceDateKind.Column)
        {
            return dates.Count == 0 ? null : dates[^1];
        }

        foreach (var date in dates.Reverse().Take(Probes))
        {
            if (await CountRowsAsync(definition, date, actor, ct) > 0)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>How many rows the dataprep returns for a date, nothing stored.</summary>
    public async Task<long> CountRowsAsync(ScoreDefinition definition, DateOnly date, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "count dataprep rows");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var globals = await db.Variables.AsNoTracking().ToListAsync(ct);
        var variables = BuiltInVariables.Resolve(globals.Select(g => g.ToVariable()), definition.Variables.Select(v => v.ToVariable()), [],
            BuiltInVariables.For(date, definition.Horizon));
        await using var session = await connections.OpenAsync(definition.Connection, ct);
        var sql = SqlTemplate.Render(definition.DataprepQuery, variables, session.Dialect);
        return WarehouseValues.Long(await session.ScalarAsync(sql with { Sql = $"SELECT COUNT(*) FROM ({sql.Sql}) counted" }, ct));
    }

    private async Task<IReadOnlyList<DateOnly>> ColumnDatesAsync(ScoreDefinition definition, CancellationToken ct)
    {
        await using var session = await connections.OpenAsync(definition.Connection, ct);
        var dialect = session.Dialect;
        var table = string.Join('.', Identifiers.Validate(definition.ReferenceDates.Table, "reference-date table").Select(dialect.QuoteIdentifier));
        var column = dialect.QuoteIdentifier(definition.ReferenceDateColumn);
        var dates = new SortedSet<DateOnly>();
        try
        {
            await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"), ct);
            while (await reader.ReadAsync(ct))
            {
                dates.Add(AsDate(reader.GetValue(0), definition));
            }
        }
        catch (WarehouseException e)
        {
            throw new WarehouseException(
                $"The reference dates of {definition.Name} could not be read from {definition.ReferenceDates.Table}.{definition.ReferenceDateColumn}: {e.Message} " +
                "Check the table in the score's reference-date settings, or choose month-ends.", e);
        }

        return [.. dates];
    }

    private static DateOnly AsDate(object value, ScoreDefinition definition) => value switch
    {
        DateOnly date => date,
        DateTime time => DateOnly.FromDateTime(time),
        DateTimeOffset offset => DateOnly.FromDateTime(offset.UtcDateTime),
        string text when DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new CockpitValidationException(
            $"The column {definition.ReferenceDateColumn} of {definition.ReferenceDates.Table} holds '{value}', which is not a date: " +
            "reference dates read from the data must be dates (yyyy-MM-dd)."),
    };
}
