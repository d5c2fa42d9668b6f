using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Snapshots;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.ScoreDefinitions;

/// <summary>Trying a definition on one date: a few rows, the columns and features, errors in the warehouse's words, nothing stored.</summary>
public sealed class PreviewScoreTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly DateOnly January = new(2026, 1, 31);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_preview_returns_columns_features_and_the_first_rows_without_storing_anything(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await ChurnWarehouse.SeedAsync(store);
        var tables = await ChurnWarehouse.TablesAsync(store);
        var definition = ChurnWarehouse.Definition() with { FeatureExclude = ["phone", "contract_*"] };

        var preview = await store.Get<PreviewScoreHandler>().HandleAsync(
            new PreviewScore(definition with { DataprepSql = definition.DataprepSql + "\nORDER BY u.customer_id" }, January, Rows: 7), Ana, Ct);

        Assert.Equal(ChurnWarehouse.SnapshotColumns, preview.Columns.Select(c => c.Name));
        Assert.Equal(["minutes", "plan", "has_app", "tenure_months", "last_call"], preview.Features);
        Assert.Equal(7, preview.Rows.Count);
        var expected = ChurnWarehouse.Usage(January).Take(7)
            .Select(u => (u.CustomerId, January, u.Minutes, u.Plan, ChurnWarehouse.Churned(u.CustomerId, January, new DateOnly(2026, 4, 30))));
        Assert.Equal(expected, preview.Rows.Select(r => (Convert.ToInt32(r[0], CultureInfo.InvariantCulture), BuildSnapshotTests.AsDate(r[1]),
            r[4] is null ? (double?)null : Convert.ToDouble(r[4], CultureInfo.InvariantCulture), (string?)r[5],
            Convert.ToInt32(r[9], CultureInfo.InvariantCulture))));
        Assert.Equal(tables, await ChurnWarehouse.TablesAsync(store));
        await AssertNothingStoredAsync(store);
    }

    [Fact]
    public async Task A_preview_shows_the_columns_a_snapshot_of_the_same_definition_gets()
    {
        // Preview binds date variables as parameters, a snapshot writes them as literals: the columns must not differ.
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await ChurnWarehouse.SeedAsync(store);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(ChurnWarehouse.Definition()), Ana, Ct);

        var preview = await store.Get<PreviewScoreHandler>().HandleAsync(new PreviewScore(ChurnWarehouse.Definition(), January), Ana, Ct);
        var snapshot = await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("churn", January), Ana, Ct);

        Assert.Equal(snapshot.Columns.Select(c => (c.Name, c.DatabaseType)), preview.Columns.Select(c => (c.Name, c.DatabaseType)));
        Assert.Equal(20, preview.Rows.Count);
    }

    [Fact]
    public async Task A_sql_error_comes_back_in_the_warehouses_words_with_the_line_and_nothing_is_stored()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await ChurnWarehouse.SeedAsync(store);
        var tables = await ChurnWarehouse.TablesAsync(store);
        var definition = ChurnWarehouse.Definition() with
        {
            DataprepSql = "SELECT customer_id, ${date_ref} AS date_ref, 0 AS churned\nFROM usage_${date_ref_yyyymm}\nWHERE nope = 1",
        };

        var error = await Assert.ThrowsAsync<WarehouseException>(
            () => store.Get<PreviewScoreHandler>().HandleAsync(new PreviewScore(definition, January), Ana, Ct));

        Assert.StartsWith("The warehouse 'demo' (DuckDb) refused the SQL: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Referenced column \"nope\" not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("LINE 3:", error.Message, StringComparison.Ordinal);
        Assert.Equal(tables, await ChurnWarehouse.TablesAsync(store));
        await AssertNothingStoredAsync(store);
    }

    [Fact]
    public async Task A_missing_key_column_is_named_with_the_columns_the_sql_returns()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var definition = TestDefinitions.Sample("churn") with { KeyColumn = "client_id" };

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<PreviewScoreHandler>().HandleAsync(new PreviewScore(definition, January), Ana, Ct));

        Assert.Equal("The key column 'client_id' is not among the columns the dataprep returns: customer_id, date_ref, churned.", error.Message);
        await AssertNothingStoredAsync(store);
    }

    [Fact]
    public async Task A_feature_rule_naming_no_column_is_refused_listing_the_columns()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var definition = TestDefinitions.Sample("churn") with { FeatureInclude = ["tenure"] };

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<PreviewScoreHandler>().HandleAsync(new PreviewScore(definition, January), Ana, Ct));

        Assert.Equal("The feature rule 'tenure' names no column of the snapshot. Its columns are: customer_id, date_ref, churned.", error.Message);
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_before_the_warehouse_is_asked()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var definition = TestDefinitions.Sample("churn") with { DataprepSql = "SELECT ${missing} AS customer_id", Connection = "nowhere" };

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<PreviewScoreHandler>().HandleAsync(new PreviewScore(definition, January), Ana, Ct));

        Assert.StartsWith("The dataprep uses ${missing}, not defined anywhere.", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(store.Get<DataFolder>().File("warehouse.duckdb")));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(3, 3)]
    [InlineData(5000, 200)]
    public async Task The_number_of_rows_is_kept_between_0_and_1000(int asked, int expected)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await ChurnWarehouse.SeedAsync(store);

        var preview = await store.Get<PreviewScoreHandler>().HandleAsync(new PreviewScore(ChurnWarehouse.Definition(), January, asked), Ana, Ct);

        Assert.Equal(expected, preview.Rows.Count);
        Assert.Equal(10, preview.Columns.Count);
    }

    private static async Task AssertNothingStoredAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        Assert.Equal((0, 0, 0), (await db.Scores.CountAsync(Ct), await db.Snapshots.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct)));
    }
}
