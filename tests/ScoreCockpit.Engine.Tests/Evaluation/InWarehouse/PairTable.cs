using System.Text;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation.InWarehouse;

/// <summary>Scores and labels written into a warehouse table as exact literals, with their row number for order.</summary>
public static class PairTable
{
    private const int RowsPerInsert = 5_000;

    /// <summary>Creates <paramref name="table"/> and returns the SELECT <see cref="Engine.Evaluation.InWarehouse.MetricsSql"/> reads, in the given order.</summary>
    public static async Task<string> WriteAsync(WarehouseSession session, string table, IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var ct = TestContext.Current.CancellationToken;
        var dialect = session.Dialect;
        await session.ExecuteAsync($"CREATE TABLE {table} (row_no INTEGER NOT NULL, score {dialect.FloatType}, label INTEGER)", ct);
        if (session.Connection is DuckDB.NET.Data.DuckDBConnection duck)
        {
            // DuckDB parses long VALUES lists slowly; its appender takes the doubles as they are.
            using var appender = duck.CreateAppender(table);
            for (var i = 0; i < scores.Count; i++)
            {
                appender.CreateRow().AppendValue(i).AppendValue(scores[i]).AppendValue(labels[i] ? 1 : 0).EndRow();
            }

            return Select(table);
        }

        for (var first = 0; first < scores.Count; first += RowsPerInsert)
        {
            var sql = new StringBuilder($"INSERT INTO {table} (row_no, score, label) VALUES ");
            for (var i = first; i < Math.Min(scores.Count, first + RowsPerInsert); i++)
            {
                sql.Append(i == first ? "" : ", ").Append($"({i}, {Literal(scores[i], dialect)}, {(labels[i] ? 1 : 0)})");
            }

            await session.ExecuteAsync(sql.ToString(), ct);
        }

        return Select(table);
    }

    private static string Select(string table) => $"SELECT score, label FROM {table} ORDER BY row_no";

    private static string Literal(double value, ISqlDialect dialect) => double.IsFinite(value)
        ? PlanSql.Number(value)
        : $"CAST('{(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity")}' AS {dialect.FloatType})";
}
