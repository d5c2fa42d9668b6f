using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Quality;

/// <summary>A dataset made concrete for one reference date: the warehouse, the table, the filter, and its name for people.</summary>
internal sealed record ResolvedDataset(string Connection, string Table, string? Where, string Display);

/// <summary>Turns a <see cref="DatasetDefinition"/> into SQL on one warehouse.</summary>
internal static partial class Datasets
{
    public static async Task<ResolvedDataset> ResolveAsync(
        CockpitDbContext db, Score? score, DatasetDefinition dataset, DateOnly referenceDate,
        IReadOnlyDictionary<string, Variable> variables, CancellationToken ct)
    {
        var connection = dataset.Connection ?? (score is null ? null : ScoreRecords.Definition(score).Connection)
            ?? WarehouseConnectionInfo.DemoName;
        string table;
        if (dataset.Snapshot)
        {
            if (score is null)
            {
                throw new CockpitValidationException("A snapshot dataset belongs to a score: give the score's name, or name a table instead.");
            }

            var date = variables.TryGetValue(BuiltInVariables.DateRef, out var dateRef) && dateRef.Parse() is DateOnly d ? d : referenceDate;
            table = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id && s.ReferenceDate == date)
                .Select(s => s.TableName).SingleOrDefaultAsync(ct) ?? SnapshotTables.For(score.Name, date);
        }
        else
        {
            table = Substitute(dataset.Table, variables);
            Identifiers.Validate(table, "dataset table");
        }

        var where = string.IsNullOrWhiteSpace(dataset.Where) ? null : dataset.Where.Trim();
        var display = where is null ? table : $"{table} where {Substitute(where, variables)}";
        return new ResolvedDataset(connection, table, where, display);
    }

    /// <summary>SELECT the expressions FROM the dataset, its filter's variables bound as parameters.</summary>
    public static RenderedSql Select(ResolvedDataset dataset, IEnumerable<string> expressions, IReadOnlyDictionary<string, Variable> variables, ISqlDialect dialect)
    {
        var sql = $"SELECT {string.Join(", ", expressions)} FROM {dialect.QuoteIdentifier(dataset.Table)}";
        if (dataset.Where is null)
        {
            return RenderedSql.Plain(sql);
        }

        var where = SqlTemplate.Render(dataset.Where, variables, dialect);
        return where with { Sql = $"{sql} WHERE ({where.Sql}\n)" };
    }

    /// <summary>The table's columns, or a refusal that says which table is missing.</summary>
    public static async Task<IReadOnlyList<WarehouseColumn>> ColumnsAsync(WarehouseSession session, ResolvedDataset dataset, CancellationToken ct)
    {
        try
        {
            return await session.TableColumnsAsync(dataset.Table, ct);
        }
        catch (WarehouseException e)
        {
            throw new CockpitValidationException(
                $"The dataset table '{dataset.Table}' cannot be read in the warehouse '{dataset.Connection}': {e.Message} " +
                "Check the table's name and that it exists for this reference date.");
        }
    }

    /// <summary>${name} replaced by the variable's text: for names and for people, never for SQL values.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, Variable> variables) =>
        SqlTemplate.Fill(text, name => variables.TryGetValue(name, out var v)
            ? (v.Parse() is DateOnly date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : v.Value.Trim())
            : throw new CockpitValidationException(
                $"The dataset uses ${{{name}}}, which is not defined. Define it as a global, score or run variable."));
}
