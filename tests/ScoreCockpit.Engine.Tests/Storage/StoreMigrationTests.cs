using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Storage;

public sealed class StoreMigrationTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Preparation_migrates_an_empty_store_and_creates_the_three_roles(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres, prepare: false);
        await using (var before = await store.OpenAsync())
        {
            Assert.Empty(await before.Database.GetAppliedMigrationsAsync(Ct));
        }

        await store.Services.PrepareCockpitStoreAsync(Ct);

        await using var db = await store.OpenAsync();
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(Roles.All.Order(), await db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(Ct));
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Equal(0, await db.Scores.CountAsync(Ct));
        Assert.Equal(0, await db.DataProtectionKeys.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Preparing_a_prepared_store_again_keeps_its_data_and_adds_no_roles(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.AddUserAsync("ana@example.com", Roles.Analyst);

        await store.Services.PrepareCockpitStoreAsync(Ct);

        await using var db = await store.OpenAsync();
        Assert.Equal(3, await db.Roles.CountAsync(Ct));
        Assert.Equal(["ana@example.com"], await db.Users.Select(u => u.Email!).ToListAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Timestamps_read_back_as_utc_with_the_instant_they_were_written(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.AddUserAsync("ana@example.com", Roles.Analyst);
        await using (var write = await store.OpenAsync())
        {
            // A local time is converted on the way in; the instant must survive.
            write.Scores.Add(new Score
            {
                Name = "churn",
                DefinitionJson = "{}",
                CreatedAt = TestStore.Start.LocalDateTime,
                CreatedBy = "ana@example.com",
                UpdatedBy = "ana@example.com",
            });
            await write.SaveChangesAsync(Ct);
        }

        await using var db = await store.OpenAsync();
        var user = await db.Users.SingleAsync(Ct);
        var score = await db.Scores.SingleAsync(Ct);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.UserCreated, Ct);
        var expected = TestStore.Start.UtcDateTime;

        Assert.Equal((DateTimeKind.Utc, expected), (user.CreatedAt.Kind, user.CreatedAt));
        Assert.Equal((DateTimeKind.Utc, expected), (score.CreatedAt.Kind, score.CreatedAt));
        Assert.Equal((DateTimeKind.Utc, expected), (entry.At.Kind, entry.At));
    }
}
