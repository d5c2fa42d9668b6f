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
/// An analyst's own table with uneven monthly volumes and absent months: reference dates read from the data or from
/// the calendar, a range built in one action (dates without rows skipped and listed, a failure stopping with its date),
/// and a snapshot deleted.
/// </summary>
public sealed class SnapshotRangeTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    /// <summary>Month-ends of 2025 with rows; April, July and August are absent; volumes grow unevenly.</summary>
    private static readonly DateOnly[] DataDates =
        [.. new[] { 1, 2, 3, 5, 6, 9, 10, 11, 12 }.Select(m => new DateOnly(2025, m, DateTime.DaysInMonth(2025, m)))];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Reference_dates_come_from_the_column_and_a_range_builds_each_of_them_once(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider, ColumnRule());
        var definition = (await store.Get<GetScoreHandler>().HandleAsync("campaign", Ct)).Definition;

        Assert.Equal(DataDates, await store.Get<ReferenceDatesHandler>().ListAsync(definition, ct: Ct));
        Assert.Equal(DataDates[^1], await store.Get<ReferenceDatesHandler>().LatestWithRowsAsync(definition, Ana, Ct));

        var progress = new List<SnapshotRangeProgress>();
        var result = await store.Get<BuildSnapshotRangeHandler>().HandleAsync(
            new BuildSnapshotRange("campaign", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), Ana, new Engine.InlineProgress<SnapshotRangeProgress>(progress.Add), Ct);

        Assert.Equal(DataDates, result.Built);
        Assert.Empty(result.Empty);
        Assert.Null(result.FailedOn);
        Assert.Equal(DataDates.Length, progress[^1].Total);
        var listed = await store.Get<ListSnapshotsHandler>().HandleAsync("campaign", Ct);
        Assert.Equal(DataDates.Reverse(), listed.Select(s => s.ReferenceDate));
        Assert.Equal(DataDates.Reverse().Select(d => (long)Volume(d)), listed.Select(s => s.Rows));

        // Again: every date is kept, nothing rebuilt.
        var again = await store.Get<BuildSnapshotRangeHandler>().HandleAsync(
            new BuildSnapshotRange("campaign", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), Ana, ct: Ct);
        Assert.Equal((0, DataDates.Length), (again.Built.Count, again.Kept.Count));
        Assert.Equal(listed.Select(s => s.BuiltAt), (await store.Get<ListSnapshotsHandler>().HandleAsync("campaign", Ct)).Select(s => s.BuiltAt));
    }

    [Fact]
    public async Task Month_ends_without_rows_are_skipped_and_listed_and_the_picker_defaults_to_the_latest_with_rows()
    {
        await using var store = await StoreAsync(StoreProvider.Sqlite, new ReferenceDateRule());
        var definition = (await store.Get<GetScoreHandler>().HandleAsync("campaign", Ct)).Definition;

        // Today is 2026-03-14: January and February 2026 have no row, December 2025 has.
        Assert.Equal(new DateOnly(2025, 12, 31), await store.Get<ReferenceDatesHandler>().LatestWithRowsAsync(definition, Ana, Ct));
        Assert.Equal(0, await store.Get<ReferenceDatesHandler>().CountRowsAsync(definition, new DateOnly(2026, 1, 31), Ana, Ct));

        var result = await store.Get<BuildSnapshotRangeHandler>().HandleAsync(
            new BuildSnapshotRange("campaign", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), Ana, ct: Ct);

        Assert.Equal(DataDates, result.Built);
        Assert.Equal([new DateOnly(2025, 4, 30), new DateOnly(2025, 7, 31), new DateOnly(2025, 8, 31)], result.Empty);
        Assert.Contains("3 date(s) without rows skipped: 2025-04-30, 2025-07-31, 2025-08-31", result.Describe(), StringComparison.Ordinal);
        Assert.Equal(DataDates.Length, (await store.Get<ListSnapshotsHandler>().HandleAsync("campaign", Ct)).Count);
    }

    [Fact]
    public async Task A_failure_stops_the_range_at_its_date_and_keeps_what_was_built_before_it()
    {
        await using var store = await StoreAsync(StoreProvider.Sqlite, ColumnRule());
        await ExecuteAsync(store, "UPDATE monthly SET responded = 2 WHERE ref_date = DATE '2025-06-30' AND customer_id = 3");

        var result = await store.Get<BuildSnapshotRangeHandler>().HandleAsync(
            new BuildSnapshotRange("campaign", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), Ana, ct: Ct);

        Assert.Equal(new DateOnly(2025, 6, 30), result.FailedOn);
        Assert.Contains("values other than 0 and 1", result.Failure, StringComparison.Ordinal);
        Assert.Equal(DataDates.TakeWhile(d => d < new DateOnly(2025, 6, 30)), result.Built);
        Assert.StartsWith("4 snapshot(s) built. Stopped at 2025-06-30:", result.Describe(), StringComparison.Ordinal);
        Assert.Equal(4, (await store.Get<ListSnapshotsHandler>().HandleAsync("campaign", Ct)).Count);
    }

    [Theory]
    [InlineData("2025-12-31", "2025-01-31", "starts on 2025-12-31, after it ends on 2025-01-31")]
    [InlineData("2027-01-31", "2027-12-31", "after today (2026-03-14)")]
    [InlineData("2024-01-01", "2024-12-31", "no reference date (the dates in monthly) from 2024-01-01 to 2024-12-31. The data has dates from 2025-01-31 to 2025-12-31.")]
    public async Task A_range_that_cannot_be_built_is_refused_with_the_reason_and_nothing_changes(string from, string to, string message)
    {
        await using var store = await StoreAsync(StoreProvider.Sqlite, ColumnRule());

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<BuildSnapshotRangeHandler>().HandleAsync(
            new BuildSnapshotRange("campaign", DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)), Ana, ct: Ct));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Get<ListSnapshotsHandler>().HandleAsync("campaign", Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Deleting_a_snapshot_drops_its_table_and_record_and_is_audited(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider, ColumnRule());
        var date = new DateOnly(2025, 5, 31);
        await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("campaign", date), Ana, Ct);
        Assert.Contains("snap_campaign_20250531", await ChurnWarehouse.TablesAsync(store));

        var said = await store.Get<DeleteSnapshotHandler>().HandleAsync(new DeleteSnapshot("campaign", date), Ana, Ct);

        Assert.StartsWith($"2025-05-31: snapshot snap_campaign_20250531 ({Volume(date)} rows) deleted", said, StringComparison.Ordinal);
        Assert.DoesNotContain("snap_campaign_20250531", await ChurnWarehouse.TablesAsync(store));
        Assert.Empty(await store.Get<ListSnapshotsHandler>().HandleAsync("campaign", Ct));
        await using var db = await store.OpenAsync();
        Assert.Equal(said, (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditActions.SnapshotDeleted, Ct)).Details);
        var missing = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            store.Get<DeleteSnapshotHandler>().HandleAsync(new DeleteSnapshot("campaign", date), Ana, Ct));
        Assert.Contains("no snapshot for 2025-05-31: nothing was deleted", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_rule_needs_its_table_and_the_validator_says_so()
    {
        var definition = Definition(new ReferenceDateRule { Kind = ReferenceDateKind.Column });

        var error = Assert.Throws<CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition, []));

        Assert.Contains("referenceDates.table", error.Message, StringComparison.Ordinal);
    }

    private static ReferenceDateRule ColumnRule() => new() { Kind = ReferenceDateKind.Column, Table = "monthly" };

    /// <summary>Uneven volumes: 60 rows in January, 7 more each month.</summary>
    private static int Volume(DateOnly date) => 60 + (7 * (date.Month - 1));

    private static ScoreDefinition Definition(ReferenceDateRule rule) => new()
    {
        Name = "campaign",
        DataprepSql = "SELECT customer_id, ref_date, spend, visits, responded FROM monthly WHERE ref_date = ${date_ref}",
        KeyColumn = "customer_id",
        TargetColumn = "responded",
        ReferenceDateColumn = "ref_date",
        HorizonMonths = 0,
        ReferenceDates = rule,
        ThinDates = new ThinDateRule { MinimumRows = 10, MinimumPositives = 1 },
    };

    private async Task<TestStore> StoreAsync(StoreProvider provider, ReferenceDateRule rule)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        try
        {
            await ExecuteAsync(store, "CREATE TABLE monthly (customer_id INTEGER, ref_date DATE, spend DOUBLE, visits INTEGER, responded INTEGER)");
            var rows = DataDates.SelectMany(d => Enumerable.Range(1, Volume(d)).Select(id => string.Create(CultureInfo.InvariantCulture,
                $"({id}, DATE '{d:yyyy-MM-dd}', {(id * 3.5) + d.Month}, {(id + d.Month) % 9}, {(((id * 7) + d.Month) % 5 == 0 ? 1 : 0)})")));
            await ExecuteAsync(store, "INSERT INTO monthly VALUES " + string.Join(",\n", rows));
            await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(Definition(rule)), Ana, Ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static Task ExecuteAsync(TestStore store, string sql) => ChurnWarehouse.ExecuteAsync(store, sql);
}
