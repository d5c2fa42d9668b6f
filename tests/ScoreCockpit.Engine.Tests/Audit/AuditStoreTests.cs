using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Audit;

public sealed class AuditStoreTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Boss = Actor.Of("boss@example.com", Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SignInsPerDay_counts_each_utc_day_of_the_window_and_shows_empty_days(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres, now: At(2026, 3, 11, 23, 59, 59));
        var log = store.Get<AuditLog>();
        await log.WriteAsync("ana", AuditActions.SignIn, ct: Ct); // a second before the window opens
        await WriteAtAsync(store, At(2026, 3, 12, 0, 0, 0), AuditActions.SignIn);
        await WriteAtAsync(store, At(2026, 3, 12, 12, 0, 0), AuditActions.SignInFailed, AuditActions.SignOut);
        await WriteAtAsync(store, At(2026, 3, 14, 8, 0, 0),
            AuditActions.SignIn, AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.LockedOut);
        store.Time.SetUtcNow(At(2026, 3, 14, 23, 59, 59));

        var days = await store.Get<SignInsPerDayHandler>().HandleAsync(3, Ct);

        Assert.Equal(
            [new DailyCount(new DateOnly(2026, 3, 12), 1, 1), new DailyCount(new DateOnly(2026, 3, 13), 0, 0),
                new DailyCount(new DateOnly(2026, 3, 14), 2, 1)],
            days);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SignInsPerDay_moves_with_the_clock_and_keeps_at_least_today(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<AuditLog>().WriteAsync("ana", AuditActions.SignIn, ct: Ct);
        var handler = store.Get<SignInsPerDayHandler>();

        Assert.Equal([new DailyCount(new DateOnly(2026, 3, 14), 1, 0)], await handler.HandleAsync(0, Ct));

        store.Time.Advance(TimeSpan.FromDays(1));
        var window = await handler.HandleAsync(30, Ct);

        Assert.Equal(30, window.Count);
        Assert.Equal(new DateOnly(2026, 3, 15), window[^1].Day);
        Assert.Equal(1, window.Sum(d => d.SignIns));
        Assert.Equal(new DailyCount(new DateOnly(2026, 3, 14), 1, 0), window[^2]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ListAuditEntries_filters_searches_and_pages_newest_first(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var log = store.Get<AuditLog>();
        for (var i = 1; i <= 5; i++)
        {
            await log.WriteAsync($"user{i}@example.com", AuditActions.SignIn, ct: Ct);
        }

        await log.WriteAsync("boss@example.com", AuditActions.ScoreCreated, "churn", ct: Ct);
        var handler = store.Get<ListAuditEntriesHandler>();

        var page = await handler.HandleAsync(new ListAuditEntries(AuditActions.SignIn, Page: 1, PageSize: 2), Boss, Ct);
        Assert.Equal(5, page.Total);
        Assert.Equal(["user3@example.com", "user2@example.com"], page.Entries.Select(e => e.Actor));

        var found = await handler.HandleAsync(new ListAuditEntries(Search: " churn "), Boss, Ct);
        Assert.Equal(1, found.Total);
        Assert.Equal(AuditActions.ScoreCreated, Assert.Single(found.Entries).Action);

        var all = await handler.HandleAsync(new ListAuditEntries(), Boss, Ct);
        Assert.Equal(6, all.Total);
        Assert.Equal("boss@example.com", all.Entries[0].Actor);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AuditLog_cuts_overlong_values_to_the_column_sizes(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);

        await store.Get<AuditLog>().WriteAsync(new string('a', 300), AuditActions.SignIn, new string('s', 300), new string('d', 5000), Ct);

        var entry = Assert.Single((await store.Get<ListAuditEntriesHandler>().HandleAsync(new ListAuditEntries(), Boss, Ct)).Entries);
        Assert.Equal((256, 256, 4000), (entry.Actor.Length, entry.Subject!.Length, entry.Details!.Length));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static async Task WriteAtAsync(TestStore store, DateTimeOffset at, params string[] actions)
    {
        store.Time.SetUtcNow(at);
        foreach (var action in actions)
        {
            await store.Get<AuditLog>().WriteAsync("ana", action, ct: Ct);
        }
    }
}
