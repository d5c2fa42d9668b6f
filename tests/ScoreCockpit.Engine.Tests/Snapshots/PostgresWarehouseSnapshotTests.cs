using Npgsql;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Snapshots;

/// <summary>Snapshots of a score whose connection is a PostgreSQL warehouse an Admin added.</summary>
public sealed class PostgresWarehouseSnapshotTests(PostgresClusterFixture postgres)
{
    private const string Sql =
        "SELECT i AS customer_id, ${date_ref} AS date_ref, CAST(i % 4 = 0 AS INTEGER) AS churned, i * 0.5 AS spend,\n" +
        "       CASE WHEN i % 3 = 0 THEN NULL ELSE 'seg' || (i % 2) END AS segment\n" +
        "FROM generate_series(1, 40) AS t(i)";

    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_snapshot_is_built_and_profiled_in_a_postgres_warehouse()
    {
        await using var store = await StoreWithWarehouseAsync();
        await CreateAsync(store, "churn");

        var snapshot = await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("churn", new DateOnly(2026, 1, 31)), Ana, Ct);

        Assert.Equal(("snap_churn_20260131", 40L, (long?)10), (snapshot.TableName, snapshot.Rows, snapshot.Positives));
        Assert.Equal(
            [("customer_id", ColumnKind.Identifier), ("date_ref", ColumnKind.Date), ("churned", ColumnKind.Boolean),
                ("spend", ColumnKind.Numeric), ("segment", ColumnKind.Categorical)],
            snapshot.Columns.Select(c => (c.Name, c.InferredKind)));
        var spend = snapshot.Columns.Single(c => c.Name == "spend");
        Assert.Equal((0.5, 20.0, 10.25, 40L), (spend.Min!.Value, spend.Max!.Value, spend.Mean!.Value, spend.Distinct));
        var segment = snapshot.Columns.Single(c => c.Name == "segment");
        Assert.Equal(13.0 / 40, segment.NullRate, 12);
        Assert.Equal(2L, segment.Distinct);
        Assert.Equal(["snap_churn_20260131"], await TablesAsync(store));
    }

    [Fact]
    public async Task A_long_score_name_keeps_each_dates_snapshot_apart()
    {
        // PostgreSQL keeps the first 63 bytes of an identifier: with a long score name, the tables of two dates (and a
        // staging table) must still be different tables.
        var name = "customer-lifetime-value-" + new string('x', 64 - "customer-lifetime-value-".Length);
        Assert.Equal(ScoreName.MaxLength, name.Length);
        await using var store = await StoreWithWarehouseAsync();
        await CreateAsync(store, name);
        var build = store.Get<BuildSnapshotHandler>();

        var january = await build.HandleAsync(new BuildSnapshot(name, new DateOnly(2026, 1, 31)), Ana, Ct);
        var february = await build.HandleAsync(new BuildSnapshot(name, new DateOnly(2026, 2, 28)), Ana, Ct);
        await build.HandleAsync(new BuildSnapshot(name, new DateOnly(2026, 2, 28)), Ana, Ct);

        Assert.NotEqual(january.TableName, february.TableName);
        Assert.All([january.TableName, february.TableName, SnapshotTables.Staging(january.TableName)], t => Assert.True(t.Length <= 63, t));
        Assert.Equal(2, (await TablesAsync(store)).Count);
        await using var session = await store.Get<WarehouseConnections>().OpenAsync("pg", Ct);
        Assert.Equal(new DateOnly(2026, 1, 31), BuildSnapshotTests.AsDate(await session.ScalarAsync(
            RenderedSql.Plain($"SELECT MAX(date_ref) FROM {session.Dialect.QuoteIdentifier(january.TableName)}"), Ct)));
    }

    private async Task<TestStore> StoreWithWarehouseAsync()
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var database = await (await postgres.GetClusterAsync()).CreateDatabaseAsync($"dwh_{Guid.NewGuid():N}", Ct);
        await store.Get<WarehouseConnections>().SaveAsync(
            new SaveConnection("pg", WarehouseKind.Postgres, database), Actor.Of("adam@example.com", Roles.Admin), Ct);
        return store;
    }

    private static Task<Score> CreateAsync(TestStore store, string name) =>
        store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = name,
            Connection = "pg",
            DataprepSql = Sql,
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
        }), Ana, Ct);

    private static async Task<List<string>> TablesAsync(TestStore store)
    {
        var info = await store.Get<WarehouseConnections>().ResolveAsync("pg", Ct);
        await using var connection = new NpgsqlConnection(info.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var tables = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            tables.Add(reader.GetString(0));
        }

        NpgsqlConnection.ClearPool(connection);
        return tables;
    }
}
