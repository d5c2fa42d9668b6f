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
        for (var first = 0; first < scores.Count; first += RowsPerInsert)
        {
            var sql = new StringBuilder($"INSERT INTO {table} (row_no, score, label) VALUES ");
            for (var i = first; i < Math.Min(scores.Count, first + RowsPerInsert); i++)
            {
                sql.Append(i == first ? "" : ", ").Append($"({i}, {Literal(scores[i], dialect)}, {(labels[i] ? 1 : 0)})");
            }

            await session.ExecuteAsync(sql.ToString(), ct);
        }

        return $"SELECT score, label FROM {table} ORDER BY row_no";
    }

    private static string Literal(double value, ISqlDialect dialect) => double.IsFinite(value)
        ? PlanSql.Number(value)
        : $"CAST('{(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity")}' AS {dialect.FloatType})";
}
