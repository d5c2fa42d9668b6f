using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Snapshots;

/// <summary>
/// Labels that arrive after the snapshot: a warehouse that only holds the events up to the day the snapshot is built,
/// events that come in later, the clock moved past the horizon. Expected labels are computed here from the generated events.
/// </summary>
public sealed class LabelRefreshTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly DateOnly December = new(2025, 12, 31), January = new(2026, 1, 31), February = new(2026, 2, 28);
    private static readonly DateOnly BuiltOn = new(2026, 3, 1), FebruaryFinalOn = new(2026, 3, 31);
    private static readonly DateTimeOffset Built = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_late_label_is_refreshed_once_final_and_evaluations_use_it_while_the_features_stay_as_built(StoreProvider provider)
    {
        await using var store = await StoreAsync(provider, Definition("churn"));
        foreach (var date in new[] { December, January, February })
        {
            await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("churn", date), Ana, Ct);
        }

        var listed = await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct);
        Assert.Equal([(February, LabelState.Pending, FebruaryFinalOn), (January, LabelState.Final, new DateOnly(2026, 2, 28)), (December, LabelState.Final, new DateOnly(2026, 1, 31))],
            listed.Select(s => (s.ReferenceDate, s.Labels, s.LabelsFinalOn)));
        var builtRows = await RowsAsync(store, "snap_churn_20260228");
        Assert.Equal(Expected(February, BuiltOn), Labels(builtRows));

        // A pending date neither trains, validates nor evaluates.
        var version = (await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("churn", BuiltOn), Ana, Ct)).Version;
        Assert.Equal(January, version.ValidationDate);
        Assert.Equal([December], VersionJson.Dates(version.TrainingDatesJson));
        var first = await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        Assert.Equal([December, January], first.Dates);
        var pending = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn", February), Ana, ct: Ct));
        Assert.Contains("known only from 2026-03-31", pending.Message, StringComparison.Ordinal);

        // The rest of March's events reach the warehouse; on April 1st February's labels are final.
        await ChurnWarehouse.ExecuteAsync(store, "INSERT INTO events SELECT * FROM later_events");
        store.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 7, 0, 0, TimeSpan.Zero));
        Assert.True((await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct))[0].RefreshDue);

        // A refresh stopped half-way (here: its staging name is taken by a view) changes nothing.
        await ChurnWarehouse.ExecuteAsync(store, "CREATE VIEW snap_churn_20260228_stg AS SELECT 1 AS x");
        await Assert.ThrowsAnyAsync<Exception>(() => store.Get<RefreshLabelsHandler>().HandleAsync(new RefreshLabels("churn"), Ana, ct: Ct));
        Assert.Equal(builtRows, await RowsAsync(store, "snap_churn_20260228"));
        Assert.Equal(LabelState.Pending, (await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct))[0].Labels);
        await ChurnWarehouse.ExecuteAsync(store, "DROP VIEW snap_churn_20260228_stg");

        // Evaluating refreshes what is due first, then measures the final labels.
        var second = await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        Assert.Equal([December, January, February], second.Dates);
        var refreshedRows = await RowsAsync(store, "snap_churn_20260228");
        var final = Expected(February, FebruaryFinalOn);
        Assert.Equal(final, Labels(refreshedRows));
        Assert.Equal(Features(builtRows), Features(refreshedRows));
        var changed = final.Count(l => Expected(February, BuiltOn)[l.Key] != l.Value);
        Assert.InRange(changed, 1, 200); // the late events do change labels

        await using var db = await store.OpenAsync();
        var evaluation = await db.Evaluations.AsNoTracking().SingleAsync(e => e.EvaluationDate == February, Ct);
        Assert.Equal(((long)final.Count, (long)final.Values.Sum()), ((long)evaluation.Rows, (long)evaluation.Positives));
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == AuditActions.LabelsRefreshed, Ct);
        Assert.StartsWith($"2026-02-28: {changed} of 200 labels changed", audit.Details, StringComparison.Ordinal);
        var record = await db.Snapshots.AsNoTracking().SingleAsync(s => s.ReferenceDate == February, Ct);
        Assert.Equal(((long?)final.Values.Sum(), 0L), (record.Positives, record.MissingLabels));
        Assert.Equal(LabelState.Final, (await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct))[0].Labels);
        Assert.Empty(await store.Get<RefreshLabelsHandler>().HandleAsync(new RefreshLabels("churn"), Ana, ct: Ct));
    }

    [Theory]
    [InlineData("SELECT customer_id, churned FROM (DATAPREP) q UNION ALL SELECT 7 AS customer_id, 0 AS churned", "keys more than once")]
    [InlineData("SELECT customer_id, 2 AS churned FROM usage_${date_ref_yyyymm}", "targets other than 0 and 1")]
    [InlineData("SELECT customer_id FROM usage_${date_ref_yyyymm}", "no column 'churned'")]
    public async Task A_label_sql_that_would_corrupt_the_snapshot_is_refused_and_nothing_changes(string labelSql, string message)
    {
        var definition = Definition("churn") with { LabelSql = labelSql.Replace("DATAPREP", ChurnWarehouse.DataprepSql, StringComparison.Ordinal) };
        await using var store = await StoreAsync(StoreProvider.Sqlite, definition);
        await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("churn", February), Ana, Ct);
        var before = await RowsAsync(store, "snap_churn_20260228");
        store.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 7, 0, 0, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            store.Get<RefreshLabelsHandler>().HandleAsync(new RefreshLabels("churn"), Ana, ct: Ct));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("churn 2026-02-28", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync(store, "snap_churn_20260228"));
        Assert.True((await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct))[0].RefreshDue);
        Assert.DoesNotContain(await ChurnWarehouse.TablesAsync(store), t => t.StartsWith("snap_churn_20260228_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Customers_missing_from_a_label_sql_are_reported_and_left_out_not_counted_as_zero()
    {
        var definition = Definition("churn") with
        {
            LabelSql = "SELECT customer_id, 1 AS churned FROM usage_${date_ref_yyyymm} WHERE customer_id <= 150",
        };
        await using var store = await StoreAsync(StoreProvider.Sqlite, definition);
        await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("churn", February), Ana, Ct);
        store.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 7, 0, 0, TimeSpan.Zero));

        var refresh = Assert.Single(await store.Get<RefreshLabelsHandler>().HandleAsync(new RefreshLabels("churn", February), Ana, ct: Ct));

        Assert.Equal((200L, 50L, 150L), (refresh.Rows, refresh.Missing, refresh.Positives));
        Assert.Contains("50 customers missing", refresh.Describe(), StringComparison.Ordinal);
        var rows = await ChurnWarehouse.QueryAsync(store, "SELECT count(*), count(churned), sum(churned) FROM snap_churn_20260228");
        Assert.Equal((200L, 150L), (Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture), Convert.ToInt64(rows[0][1], CultureInfo.InvariantCulture)));
        var listed = (await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct))[0];
        Assert.Equal((LabelState.Final, 50L, (long?)150), (listed.Labels, listed.MissingLabels, listed.Positives));
    }

    [Fact]
    public async Task Labels_are_not_refreshed_before_their_final_day()
    {
        await using var store = await StoreAsync(StoreProvider.Sqlite, Definition("churn"));
        await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("churn", February), Ana, Ct);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            store.Get<RefreshLabelsHandler>().HandleAsync(new RefreshLabels("churn", February), Ana, ct: Ct));

        Assert.Contains("final only on 2026-03-31", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Get<RefreshLabelsHandler>().HandleAsync(new RefreshLabels("churn"), Ana, ct: Ct));
    }

    private static ScoreDefinition Definition(string name) => ChurnWarehouse.Definition(name, horizonMonths: 1) with
    {
        ThinDates = new ThinDateRule { MinimumRows = 10, MinimumPositives = 1 },
    };

    /// <summary>The churn warehouse as it stood on March 1st: the events after that day are held back in <c>later_events</c>.</summary>
    private async Task<TestStore> StoreAsync(StoreProvider provider, ScoreDefinition definition)
    {
        var store = await TestStore.CreateAsync(provider, postgres, now: Built);
        try
        {
            await ChurnWarehouse.SeedAsync(store);
            await ChurnWarehouse.ExecuteAsync(store, "INSERT INTO events VALUES " +
                string.Join(", ", Extra.Select(e => $"({e.CustomerId}, DATE '{e.Date:yyyy-MM-dd}', '{e.Type}')")));
            await ChurnWarehouse.ExecuteAsync(store, "CREATE TABLE later_events AS SELECT * FROM events WHERE event_date > DATE '2026-03-01'");
            await ChurnWarehouse.ExecuteAsync(store, "DELETE FROM events WHERE event_date > DATE '2026-03-01'");
            await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(definition), Ana, Ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>The label of each customer when only the events up to <paramref name="known"/> are in the warehouse.</summary>
    private static Dictionary<int, int> Expected(DateOnly date, DateOnly known)
    {
        var end = Engine.Variables.BuiltInVariables.EndOfMonthAfter(date, 1);
        var until = end < known ? end : known;
        var churned = ChurnWarehouse.Events().Concat(Extra)
            .Where(e => e.Type == ChurnWarehouse.ChurnEvent && e.Date > date && e.Date <= until).Select(e => e.CustomerId).ToHashSet();
        return Enumerable.Range(1, ChurnWarehouse.Customers).ToDictionary(id => id, id => churned.Contains(id) ? 1 : 0);
    }

    /// <summary>Leavers spread over February and March, so every month has positives and some arrive after March 1st.</summary>
    private static IReadOnlyList<ChurnWarehouse.EventRow> Extra { get; } =
        [.. Enumerable.Range(1, ChurnWarehouse.Customers).Where(id => id % 7 == 1)
            .Select(id => new ChurnWarehouse.EventRow(id, new DateOnly(2026, 2, 1).AddDays(id % 50), ChurnWarehouse.ChurnEvent))];

    private static Task<IReadOnlyList<object?[]>> RowsAsync(TestStore store, string table) =>
        ChurnWarehouse.QueryAsync(store, $"SELECT {string.Join(", ", ChurnWarehouse.SnapshotColumns)} FROM {table} ORDER BY customer_id");

    private static Dictionary<int, int> Labels(IReadOnlyList<object?[]> rows) =>
        rows.ToDictionary(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture), r => Convert.ToInt32(r[^1], CultureInfo.InvariantCulture));

    private static IReadOnlyList<string> Features(IReadOnlyList<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r[..^1].Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];
}
