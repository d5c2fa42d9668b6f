using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Snapshots;

/// <summary>A snapshot's labels are known once its reference date plus the horizon (on month-ends) has come.</summary>
public sealed class ListSnapshotsTests(PostgresClusterFixture postgres)
{
    private const string Sql = "SELECT i AS customer_id, ${date_ref} AS date_ref, CAST(i % 4 = 0 AS INTEGER) AS churned FROM range(1, 21) AS t(i)";

    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    /// <summary>One hour before midnight (UTC) of 14 March 2026.</summary>
    private static readonly DateTimeOffset Evening = new(2026, 3, 13, 23, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Labels_are_pending_until_the_horizon_has_passed_and_a_refresh_reads_them(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres, now: Evening);
        await CreateAsync(store, "monthly", horizonMonths: 1);
        DateOnly[] dates = [new(2025, 11, 30), new(2025, 12, 31), new(2026, 1, 31), new(2026, 2, 14), new(2026, 2, 28)];
        foreach (var date in dates)
        {
            await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("monthly", date), Ana, Ct);
        }

        var list = store.Get<ListSnapshotsHandler>();
        var evening = await list.HandleAsync("monthly", Ct);

        // Newest first. A month-end stays a month-end: 30 Nov + 1 month is 31 Dec, 31 Jan + 1 month is 28 Feb.
        Assert.Equal(
            [
                (new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), false),
                (new DateOnly(2026, 2, 14), new DateOnly(2026, 3, 14), false),
                (new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28), true),
                (new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 31), true),
                (new DateOnly(2025, 11, 30), new DateOnly(2025, 12, 31), true),
            ],
            evening.Select(s => (s.ReferenceDate, s.LabelsFinalOn, s.LabelsFinal)));
        Assert.All(evening, s => Assert.Equal((20L, (long?)5, (double?)0.25), (s.Rows, s.Positives, s.BaseRate)));

        Assert.All(evening, s => Assert.False(s.RefreshDue));

        // At midnight the 14 February snapshot's labels are final, but what was read on the 13th is not: it stays
        // pending, now due for a refresh; 28 February waits for 31 March.
        store.Time.Advance(TimeSpan.FromHours(1));
        var midnight = await list.HandleAsync("monthly", Ct);
        Assert.Equal([false, false, true, true, true], midnight.Select(s => s.LabelsFinal));
        Assert.Equal([false, true, false, false, false], midnight.Select(s => s.RefreshDue));

        var refreshed = await store.Get<RefreshLabelsHandler>().HandleAsync(new RefreshLabels("monthly"), Ana, ct: Ct);
        Assert.Equal([new DateOnly(2026, 2, 14)], refreshed.Select(r => r.ReferenceDate));
        Assert.Equal([false, true, true, true, true], (await list.HandleAsync("monthly", Ct)).Select(s => s.LabelsFinal));

        store.Time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 23, 59, 59, TimeSpan.Zero));
        Assert.False((await list.HandleAsync("monthly", Ct))[0].RefreshDue);

        store.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await list.HandleAsync("monthly", Ct))[0].RefreshDue);
    }

    [Theory]
    [InlineData(3, "2025-11-30", "2026-02-28")]
    [InlineData(3, "2025-12-31", "2026-03-31")]
    [InlineData(2, "2025-12-31", "2026-02-28")]
    [InlineData(1, "2024-01-31", "2024-02-29")]
    [InlineData(12, "2024-02-29", "2025-02-28")]
    [InlineData(1, "2026-01-30", "2026-02-28")]
    [InlineData(3, "2025-12-15", "2026-03-15")]
    public async Task The_label_date_follows_month_ends(int horizon, string referenceDate, string knownOn)
    {
        var date = DateOnly.Parse(referenceDate, System.Globalization.CultureInfo.InvariantCulture);
        var expected = DateOnly.Parse(knownOn, System.Globalization.CultureInfo.InvariantCulture);
        // The fake clock only moves forward: start on the day before the labels are known, at noon.
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres,
            now: new DateTimeOffset(expected.AddDays(-1), new TimeOnly(12, 0), TimeSpan.Zero));
        await CreateAsync(store, "h", horizon);
        await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("h", date), Ana, Ct);

        var before = Assert.Single(await store.Get<ListSnapshotsHandler>().HandleAsync("h", Ct));
        store.Time.SetUtcNow(new DateTimeOffset(expected, TimeOnly.MinValue, TimeSpan.Zero));
        var on = Assert.Single(await store.Get<ListSnapshotsHandler>().HandleAsync("h", Ct));

        Assert.Equal((expected, false, false), (before.LabelsFinalOn, before.LabelsFinal, before.RefreshDue));
        Assert.Equal((expected, false, true), (on.LabelsFinalOn, on.LabelsFinal, on.RefreshDue));
    }

    [Fact]
    public async Task A_score_without_snapshots_lists_none_and_an_unknown_score_is_refused()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await CreateAsync(store, "empty", 3);

        Assert.Empty(await store.Get<ListSnapshotsHandler>().HandleAsync("empty", Ct));
        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<ListSnapshotsHandler>().HandleAsync("nope", Ct));
        Assert.Equal("There is no score named 'nope'.", error.Message);
    }

    private static Task<Score> CreateAsync(TestStore store, string name, int horizonMonths) =>
        store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = name,
            DataprepSql = Sql,
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
            HorizonMonths = horizonMonths,
        }), Ana, Ct);
}
