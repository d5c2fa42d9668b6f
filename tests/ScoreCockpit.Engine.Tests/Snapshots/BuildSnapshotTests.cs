using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Snapshots;

/// <summary>
/// Building a snapshot on the demo DuckDB warehouse: the table, the record and its profile, checked against values
/// computed here from the generated rows; and rebuilding one date replacing that date only.
/// </summary>
public sealed class BuildSnapshotTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly DateOnly January = new(2026, 1, 31);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_snapshot_is_one_table_per_date_with_its_rows_positives_and_base_rate(StoreProvider provider)
    {
        await using var store = await ChurnStoreAsync(provider);

        var built = await BuildAsync(store, "churn", January);

        var labels = Labels(January, new DateOnly(2026, 4, 30));
        var positives = labels.Values.Sum();
        Assert.InRange(positives, 5, 60); // the data is meant to hold both classes
        Assert.Equal("snap_churn_20260131", built.TableName);
        var listed = Assert.Single(await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct));
        Assert.Equal((January, "snap_churn_20260131", 200L, (long?)positives, "ana@example.com", TestStore.Start.UtcDateTime),
            (listed.ReferenceDate, listed.TableName, listed.Rows, listed.Positives, listed.BuiltBy, listed.BuiltAt));
        Assert.Equal(positives / 200.0, listed.BaseRate!.Value, 12);

        // The table holds the dataprep's rows: one per customer, with the label computed over (date_ref, label_end].
        var rows = await ChurnWarehouse.QueryAsync(store, "SELECT customer_id, churned, date_ref FROM snap_churn_20260131 ORDER BY customer_id");
        Assert.Equal(labels.Select(l => (l.Key, l.Value)), rows.Select(r => (Convert.ToInt32(r[0], CultureInfo.InvariantCulture),
            Convert.ToInt32(r[1], CultureInfo.InvariantCulture))));
        Assert.All(rows, r => Assert.Equal(January, AsDate(r[2])));

        await using var db = await store.OpenAsync();
        var audit = await db.AuditEntries.Where(a => a.Action == AuditActions.SnapshotBuilt).SingleAsync(Ct);
        Assert.Equal(("ana@example.com", "churn", $"2026-01-31: 200 rows, {positives} positives"), (audit.Actor, audit.Subject, audit.Details));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_stored_profile_matches_values_computed_from_the_rows(StoreProvider provider)
    {
        await using var store = await ChurnStoreAsync(provider);
        var date = new DateOnly(2026, 2, 28);

        await BuildAsync(store, "churn", date);

        var usage = ChurnWarehouse.Usage(date);
        var labels = Labels(date, new DateOnly(2026, 5, 31));
        ColumnProfile[] expected =
        [
            Numbers("customer_id", ColumnKind.Identifier, usage.Select(u => (double?)u.CustomerId)),
            Values("date_ref", ColumnKind.Date, usage.Select(_ => (object?)date)),
            Numbers("contract_id", ColumnKind.Identifier, usage.Select(u => (double?)u.ContractId)),
            Values("phone", ColumnKind.Identifier, usage.Select(u => (object?)u.Phone)),
            Numbers("minutes", ColumnKind.Numeric, usage.Select(u => u.Minutes)),
            Values("plan", ColumnKind.Categorical, usage.Select(u => (object?)u.Plan)),
            Numbers("has_app", ColumnKind.Boolean, usage.Select(u => (double?)u.HasApp)),
            Numbers("tenure_months", ColumnKind.Numeric, usage.Select(u => (double?)u.TenureMonths)),
            Values("last_call", ColumnKind.Date, usage.Select(u => (object?)u.LastCall)),
            Numbers("churned", ColumnKind.Boolean, labels.Values.Select(v => (double?)v)),
        ];
        // The generated data has what each check needs: nulls, a few categories, a unique text column.
        Assert.True(expected.Single(c => c.Name == "minutes").NullRate > 0);
        Assert.True(expected.Single(c => c.Name == "plan").NullRate > 0);
        Assert.Equal(3, expected.Single(c => c.Name == "plan").Distinct);

        var stored = Assert.Single(await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct)).Columns;

        Assert.Equal(expected.Select(c => c.Name), stored.Select(c => c.Name));
        foreach (var (want, got) in expected.Zip(stored))
        {
            Assert.True(want.InferredKind == got.InferredKind, $"{want.Name}: expected kind {want.InferredKind}, got {got.InferredKind}");
            Assert.True(Math.Abs(want.NullRate - got.NullRate) < 1e-12, $"{want.Name}: null rate {want.NullRate} vs {got.NullRate}");
            Assert.True(want.Distinct == got.Distinct, $"{want.Name}: distinct {want.Distinct} vs {got.Distinct}");
            AssertClose(want.Name, "min", want.Min, got.Min);
            AssertClose(want.Name, "max", want.Max, got.Max);
            AssertClose(want.Name, "mean", want.Mean, got.Mean);
            Assert.False(string.IsNullOrWhiteSpace(got.DatabaseType), $"{want.Name} has no database type");
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rebuilding_a_date_replaces_that_dates_table_and_record_only(StoreProvider provider)
    {
        await using var store = await ChurnStoreAsync(provider);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(ChurnWarehouse.Definition("retention")), Ana, Ct);
        foreach (var month in ChurnWarehouse.Months)
        {
            await BuildAsync(store, "churn", month);
        }

        await BuildAsync(store, "retention", January);
        var before = await RecordsAsync(store);
        var tablesBefore = await ChurnWarehouse.TablesAsync(store);

        // The source changes: ten customers leave the January usage table. Rebuild January, a day later, as someone else.
        await ChurnWarehouse.ExecuteAsync(store, "DELETE FROM usage_202601 WHERE customer_id > 190");
        store.Time.Advance(TimeSpan.FromDays(1));
        var rebuilt = await store.Get<BuildSnapshotHandler>().HandleAsync(
            new BuildSnapshot("churn", January), Actor.Of("bob@example.com", Roles.Analyst), Ct);

        var after = await RecordsAsync(store);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var january = after[("churn", January)];
        Assert.Equal(before[("churn", January)].Id, january.Id);
        Assert.Equal(rebuilt.Id, january.Id);
        var positives = Labels(January, new DateOnly(2026, 4, 30)).Where(l => l.Key <= 190).Sum(l => l.Value);
        Assert.Equal((190L, (long?)positives, TestStore.Start.UtcDateTime.AddDays(1), "bob@example.com"),
            (january.Rows, january.Positives, january.BuiltAt, january.BuiltBy));
        Assert.Equal(190, january.Columns.Single(c => c.Name == "customer_id").Distinct);
        foreach (var (key, record) in before.Where(b => b.Key != ("churn", January)))
        {
            var other = after[key];
            Assert.Equal((record.Id, record.Rows, record.Positives, record.BuiltAt, record.BuiltBy, record.TableName),
                (other.Id, other.Rows, other.Positives, other.BuiltAt, other.BuiltBy, other.TableName));
        }

        Assert.Equal(tablesBefore, await ChurnWarehouse.TablesAsync(store));
        Assert.Equal(
            [("snap_churn_20251231", 200L), ("snap_churn_20260131", 190L), ("snap_churn_20260228", 200L), ("snap_retention_20260131", 200L)],
            await CountsAsync(store, "snap_churn_20251231", "snap_churn_20260131", "snap_churn_20260228", "snap_retention_20260131"));
        await using var db = await store.OpenAsync();
        Assert.Equal(5, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.SnapshotBuilt, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Building_the_same_date_twice_gives_the_same_snapshot(StoreProvider provider)
    {
        await using var store = await ChurnStoreAsync(provider);
        var first = await BuildAsync(store, "churn", January);
        var firstColumns = first.Columns.ToList();

        var second = await BuildAsync(store, "churn", January);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal((first.Rows, first.Positives), (second.Rows, second.Positives));
        Assert.Equal(firstColumns, second.Columns);
        Assert.Equal(["events", "snap_churn_20260131", "usage_202512", "usage_202601", "usage_202602"], await ChurnWarehouse.TablesAsync(store));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_target_without_any_value_yet_gives_no_positives_and_no_base_rate(StoreProvider provider)
    {
        // The latest reference date: its labels are not observed yet, so the dataprep leaves the target empty.
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("recent") with
        {
            DataprepSql = "SELECT i AS customer_id, ${date_ref} AS date_ref, CAST(NULL AS INTEGER) AS churned FROM range(1, 11) AS t(i)",
        }), Ana, Ct);

        await BuildAsync(store, "recent", new DateOnly(2026, 2, 28));

        var listed = Assert.Single(await store.Get<ListSnapshotsHandler>().HandleAsync("recent", Ct));
        Assert.Equal((10L, (long?)null, (double?)null), (listed.Rows, listed.Positives, listed.BaseRate));
        Assert.Equal(1.0, listed.Columns.Single(c => c.Name == "churned").NullRate);
        await using var db = await store.OpenAsync();
        Assert.Equal("2026-02-28: 10 rows, no positives",
            (await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.SnapshotBuilt, Ct)).Details);
    }

    [Fact]
    public async Task A_viewer_cannot_build_a_snapshot_and_nothing_is_written()
    {
        await using var store = await ChurnStoreAsync(StoreProvider.Sqlite);
        var tables = await ChurnWarehouse.TablesAsync(store);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => store.Get<BuildSnapshotHandler>().HandleAsync(
            new BuildSnapshot("churn", January), Actor.Of("vic@example.com", Roles.Viewer), Ct));

        Assert.Equal("vic@example.com cannot build snapshots: this needs the Analyst role. Ask an Admin to grant it.", error.Message);
        Assert.Equal(tables, await ChurnWarehouse.TablesAsync(store));
        await using var db = await store.OpenAsync();
        Assert.Equal(0, await db.Snapshots.CountAsync(Ct));
    }

    [Fact]
    public async Task An_unknown_score_is_refused_by_name()
    {
        await using var store = await ChurnStoreAsync(StoreProvider.Sqlite);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => BuildAsync(store, "nope", January));

        Assert.Equal("There is no score named 'nope'.", error.Message);
    }

    internal static async Task<TestStore> ChurnStoreAsync(StoreProvider provider, PostgresClusterFixture postgres)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        try
        {
            await ChurnWarehouse.SeedAsync(store);
            await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(ChurnWarehouse.Definition()), Ana, Ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    internal static Task<Snapshot> BuildAsync(TestStore store, string score, DateOnly date) =>
        store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot(score, date), Ana, Ct);

    /// <summary>Each customer's label, computed from the generated events.</summary>
    internal static SortedDictionary<int, int> Labels(DateOnly date, DateOnly labelEnd) =>
        new(ChurnWarehouse.Usage(date).ToDictionary(u => u.CustomerId, u => ChurnWarehouse.Churned(u.CustomerId, date, labelEnd)));

    internal static DateOnly AsDate(object? value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new InvalidOperationException($"Not a date: {value} ({value?.GetType().Name})"),
    };

    private Task<TestStore> ChurnStoreAsync(StoreProvider provider) => ChurnStoreAsync(provider, postgres);

    private static async Task<Dictionary<(string Score, DateOnly Date), Snapshot>> RecordsAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        var names = await db.Scores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, Ct);
        var snapshots = await db.Snapshots.AsNoTracking().ToListAsync(Ct);
        return snapshots.ToDictionary(s => (names[s.ScoreId], s.ReferenceDate));
    }

    private static async Task<List<(string, long)>> CountsAsync(TestStore store, params string[] tables)
    {
        var counts = new List<(string, long)>();
        foreach (var table in tables)
        {
            counts.Add((table, await ChurnWarehouse.CountAsync(store, table)));
        }

        return counts;
    }

    private static ColumnProfile Numbers(string name, ColumnKind kind, IEnumerable<double?> values)
    {
        var all = values.ToList();
        var present = all.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return new ColumnProfile(name, "", kind, 1.0 - ((double)present.Count / all.Count), present.Distinct().Count(),
            present.Min(), present.Max(), present.Average());
    }

    private static ColumnProfile Values(string name, ColumnKind kind, IEnumerable<object?> values)
    {
        var all = values.ToList();
        var present = all.Where(v => v is not null).ToList();
        return new ColumnProfile(name, "", kind, 1.0 - ((double)present.Count / all.Count), present.Distinct().Count(), null, null, null);
    }

    private static void AssertClose(string column, string what, double? expected, double? actual)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected == actual, $"{column}: {what} expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "null"}, " +
                $"got {actual?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
            return;
        }

        Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)),
            $"{column}: {what} expected {expected.Value.ToString("R", CultureInfo.InvariantCulture)}, got {actual.Value.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
