using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Snapshots;

/// <summary>
/// A build that fails changes nothing: the date's previous table and record stay as they were, no staging table is
/// left behind, and the message says what is wrong in the analyst's terms.
/// </summary>
public sealed class BuildSnapshotFailureTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly DateOnly January = new(2026, 1, 31);
    private static readonly DateOnly February = new(2026, 2, 28);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_empty_result_is_refused_and_the_previous_snapshot_stays(StoreProvider provider)
    {
        await using var store = await BuiltJanuaryAsync(provider);
        await ChangeDataprepAsync(store, ChurnWarehouse.DataprepSql + "\nWHERE u.customer_id > 1000");
        var before = await StateAsync(store);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        Assert.Contains("The dataprep returned no row for 2026-01-31", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(store));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_sql_error_carries_the_warehouses_words_and_line_and_changes_nothing(StoreProvider provider)
    {
        await using var store = await BuiltJanuaryAsync(provider);
        await ChangeDataprepAsync(store, "SELECT customer_id, ${date_ref} AS date_ref, 0 AS churned\nFROM no_such_table");
        var before = await StateAsync(store);

        var january = await Assert.ThrowsAsync<WarehouseException>(() => BuildAsync(store, January));
        var february = await Assert.ThrowsAsync<WarehouseException>(() => BuildAsync(store, February));

        Assert.StartsWith("The dataprep of churn for 2026-01-31 failed. The warehouse 'demo' (DuckDb) refused the SQL: ",
            january.Message, StringComparison.Ordinal);
        Assert.Contains("Table with name no_such_table does not exist", january.Message, StringComparison.Ordinal);
        Assert.Contains("LINE 2:", january.Message, StringComparison.Ordinal);
        Assert.StartsWith("The dataprep of churn for 2026-02-28 failed.", february.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(store));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_target_other_than_0_and_1_is_refused_with_the_count(StoreProvider provider)
    {
        await using var store = await BuiltJanuaryAsync(provider);
        // Customers 10, 20, … 200 get a 2: twenty bad values (a count, not a guess).
        await ChangeDataprepAsync(store,
            "SELECT customer_id, ${date_ref} AS date_ref, CASE WHEN customer_id % 10 = 0 THEN 2 ELSE has_app END AS churned\n" +
            "FROM usage_${date_ref_yyyymm}");
        var before = await StateAsync(store);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        Assert.Equal(
            "The target column 'churned' holds 20 values other than 0 and 1 for 2026-01-31. " +
            "The target must be 1 when the event happened, 0 otherwise.", error.Message);
        Assert.Equal(before, await StateAsync(store));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_fractional_target_is_refused(StoreProvider provider)
    {
        await using var store = await BuiltJanuaryAsync(provider);
        await ChangeDataprepAsync(store,
            "SELECT customer_id, ${date_ref} AS date_ref, has_app * 0.5 AS churned FROM usage_${date_ref_yyyymm}");
        var before = await StateAsync(store);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        var halves = ChurnWarehouse.Usage(January).Count(u => u.HasApp == 1);
        Assert.StartsWith($"The target column 'churned' holds {halves} values other than 0 and 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(store));
    }

    [Fact]
    public async Task A_text_target_is_refused_naming_the_column()
    {
        // Refused by type before any profiling SQL runs, so the message is about the analyst's column.
        await using var store = await BuiltJanuaryAsync(StoreProvider.Sqlite);
        await ChangeDataprepAsync(store,
            "SELECT customer_id, ${date_ref} AS date_ref, CASE WHEN has_app = 1 THEN 'yes' ELSE 'no' END AS churned\n" +
            "FROM usage_${date_ref_yyyymm}");
        var before = await StateAsync(store);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        Assert.Contains("The target column 'churned'", error.Message, StringComparison.Ordinal);
        Assert.Contains("must be a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(store));
    }

    [Fact]
    public async Task Empty_keys_are_refused_with_the_count()
    {
        await using var store = await BuiltJanuaryAsync(StoreProvider.Sqlite);
        await ChangeDataprepAsync(store,
            "SELECT CASE WHEN customer_id % 10 = 0 THEN NULL ELSE customer_id END AS customer_id, ${date_ref} AS date_ref, 0 AS churned\n" +
            "FROM usage_${date_ref_yyyymm}");
        var before = await StateAsync(store);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        Assert.Matches("The key column 'customer_id' is empty on [1-9][0-9]* rows", error.Message);
        Assert.Equal(before, await StateAsync(store));
    }

    [Fact]
    public async Task An_unnamed_computed_column_is_refused_asking_for_a_name()
    {
        await using var store = await BuiltJanuaryAsync(StoreProvider.Sqlite);
        await ChangeDataprepAsync(store,
            "SELECT customer_id, ${date_ref} AS date_ref, 0 AS churned, count(*) OVER ()\nFROM usage_${date_ref_yyyymm}");

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        Assert.Contains("give every column a plain name with AS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trailing_semicolon_is_accepted()
    {
        await using var store = await BuiltJanuaryAsync(StoreProvider.Sqlite);
        await ChangeDataprepAsync(store,
            "SELECT customer_id, ${date_ref} AS date_ref, 0 AS churned FROM usage_${date_ref_yyyymm} ;  \n");

        var snapshot = await BuildAsync(store, January);

        Assert.True(snapshot.Rows > 0);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Duplicate_keys_are_refused_with_the_count(StoreProvider provider)
    {
        await using var store = await BuiltJanuaryAsync(provider);
        await ChangeDataprepAsync(store, ChurnWarehouse.DataprepSql + "\nUNION ALL\n" + ChurnWarehouse.DataprepSql + "\nWHERE u.customer_id <= 5");
        var before = await StateAsync(store);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        Assert.Equal(
            "The key column 'customer_id' repeats: 5 duplicate rows for 2026-01-31. A snapshot has one row per customer.", error.Message);
        Assert.Equal(before, await StateAsync(store));
    }

    public static TheoryData<StoreProvider, string, string, string, string> MissingColumns
    {
        get
        {
            var data = new TheoryData<StoreProvider, string, string, string, string>();
            foreach (var provider in new[] { StoreProvider.Sqlite, StoreProvider.Postgres })
            {
                data.Add(provider, "key", "customer_id", "u.customer_id,", "u.customer_id AS client_id,");
                data.Add(provider, "target", "churned", "END AS churned", "END AS has_churned");
                data.Add(provider, "reference-date", "date_ref", "${date_ref} AS date_ref", "${date_ref} AS as_of");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MissingColumns))]
    public async Task A_missing_key_target_or_date_column_is_named_with_the_columns_returned(
        StoreProvider provider, string role, string column, string find, string replace)
    {
        await using var store = await BuiltJanuaryAsync(provider);
        var sql = ChurnWarehouse.DataprepSql.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(ChurnWarehouse.DataprepSql, sql);
        await ChangeDataprepAsync(store, sql);
        var before = await StateAsync(store);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        var renamed = replace[(replace.LastIndexOf(' ') + 1)..].TrimEnd(',');
        var returned = ChurnWarehouse.SnapshotColumns.Select(c => c == column ? renamed : c);
        Assert.Equal($"The {role} column '{column}' is not among the columns the dataprep returns: {string.Join(", ", returned)}.", error.Message);
        Assert.Equal(before, await StateAsync(store));
    }

    [Fact]
    public async Task A_column_whose_name_cannot_be_quoted_is_refused_and_leaves_no_staging_table()
    {
        await using var store = await BuiltJanuaryAsync(StoreProvider.Sqlite);
        await ChangeDataprepAsync(store, "SELECT customer_id, ${date_ref} AS date_ref, has_app AS churned, minutes AS \"minutes used\"\n" +
            "FROM usage_${date_ref_yyyymm}");
        var before = await StateAsync(store);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, January));

        Assert.Contains("minutes used", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(store));
    }

    /// <summary>What a failed build must leave as it was: records, warehouse tables and their sizes, the audit log.</summary>
    private sealed record State(string Records, string Tables, long JanuaryRows, int AuditEntries)
    {
        public override string ToString() => $"{Records}\n{Tables}\n{JanuaryRows} rows in January, {AuditEntries} audit entries";
    }

    private async Task<TestStore> BuiltJanuaryAsync(StoreProvider provider)
    {
        var store = await BuildSnapshotTests.ChurnStoreAsync(provider, postgres);
        try
        {
            await BuildAsync(store, January);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static Task<Snapshot> BuildAsync(TestStore store, DateOnly date) => BuildSnapshotTests.BuildAsync(store, "churn", date);

    private static Task<ScoreDefinition> ChangeDataprepAsync(TestStore store, string sql) =>
        store.Get<UpdateScoreHandler>().HandleAsync(
            new UpdateScore("churn", ChurnWarehouse.Definition() with { DataprepSql = sql }), Ana, Ct);

    private static async Task<State> StateAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        var records = await db.Snapshots.AsNoTracking().OrderBy(s => s.ReferenceDate).ToListAsync(Ct);
        var tables = await ChurnWarehouse.TablesAsync(store);
        return new State(
            string.Join("; ", records.Select(r =>
                $"{r.Id} {r.ReferenceDate:yyyy-MM-dd} {r.TableName} {r.Rows} {r.Positives} {r.BuiltAt:O} {r.BuiltBy} {r.Columns.Count}")),
            string.Join(", ", tables),
            await ChurnWarehouse.CountAsync(store, "snap_churn_20260131"),
            await db.AuditEntries.CountAsync(Ct));
    }
}
