using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Quality;

/// <summary>The same one-query metrics on a PostgreSQL warehouse: integer means not truncated, a filter's date bound.</summary>
public sealed class PostgresWarehouseMetricsTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_of_a_filtered_postgres_table_are_measured_in_one_query()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var database = await (await postgres.GetClusterAsync()).CreateDatabaseAsync($"dwh_{Guid.NewGuid():N}", Ct);
        await store.Get<WarehouseConnections>().SaveAsync(
            new SaveConnection("pg", WarehouseKind.Postgres, database), Actor.Of("adam@example.com", Roles.Admin), Ct);
        await using (var session = await store.Get<WarehouseConnections>().OpenAsync("pg", Ct))
        {
            // 40 customers, one a day from 2026-01-01; a segment missing on every third; tenure 1..40 (integers).
            await session.ExecuteAsync(
                "CREATE TABLE customers AS SELECT i AS customer_id, DATE '2026-01-01' + (i - 1) AS signup_date, i AS tenure, " +
                "CASE WHEN i % 3 = 0 THEN NULL ELSE 'seg' || (i % 2) END AS segment FROM generate_series(1, 40) AS t(i)", Ct);
        }

        var date = new DateOnly(2026, 1, 10);
        var values = await store.Get<ComputeMetricsHandler>().ComputeAsync(new ComputeMetrics(null,
            new DatasetDefinition { Table = "customers", Where = "signup_date <= ${date_ref}", Connection = "pg" },
            [
                new() { Name = "row_count", Kind = MetricKind.RowCount },
                new() { Name = "null_rate_segment", Kind = MetricKind.NullRate, Column = "segment" },
                new() { Name = "segments", Kind = MetricKind.DistinctCount, Column = "segment" },
                new() { Name = "mean_tenure", Kind = MetricKind.Mean, Column = "tenure" },
                new() { Name = "max_tenure", Kind = MetricKind.Max, Column = "tenure" },
            ],
            date, BuiltInVariables.For(date, 3).ToDictionary(v => v.Name)), Ct);

        Assert.Equal([10.0, 0.3, 2.0, 5.5, 10.0], values.Select(v => Math.Round(v.Value!.Value, 9)));
        Assert.All(values, v => Assert.Equal("customers where signup_date <= 2026-01-10", v.Dataset));
    }
}
