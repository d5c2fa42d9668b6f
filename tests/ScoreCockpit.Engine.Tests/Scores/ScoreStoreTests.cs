using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scores;

public sealed class ScoreStoreTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CreateScore_stores_the_score_and_audits_it_in_the_same_save(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);

        var created = await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample(" churn ", "  Who leaves next month ")), Ana, Ct);

        Assert.True(created.Id > 0);
        var listed = Assert.Single(await store.Get<ListScoresHandler>().HandleAsync(Ct));
        Assert.Equal(new ScoreSummary(created.Id, "churn", "Who leaves next month", 3, 0, null, TestStore.Start.UtcDateTime, "ana@example.com", Horizon: "3 months"), listed);
        await using var db = await store.OpenAsync();
        var entry = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal((AuditActions.ScoreCreated, "ana@example.com", "churn", TestStore.Start.UtcDateTime),
            (entry.Action, entry.Actor, entry.Subject, entry.At));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CreateScore_refuses_a_name_already_used(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var handler = store.Get<CreateScoreHandler>();
        await handler.HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Ana, Ct);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => handler.HandleAsync(new CreateScore(TestDefinitions.Sample("churn", "again")), Ana, Ct));

        Assert.Equal("A score named 'churn' already exists. Choose another name.", error.Message);
        await using var db = await store.OpenAsync();
        Assert.Equal(1, await db.Scores.CountAsync(Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_store_itself_enforces_unique_score_names(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await using (var first = await store.OpenAsync())
        {
            first.Scores.Add(new Score { Name = "churn", DefinitionJson = "{}", CreatedBy = "a", UpdatedBy = "a" });
            await first.SaveChangesAsync(Ct);
        }

        await using var second = await store.OpenAsync();
        second.Scores.Add(new Score { Name = "churn", DefinitionJson = "{}", CreatedBy = "b", UpdatedBy = "b" });

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ListScores_returns_every_score_ordered_by_name(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var handler = store.Get<CreateScoreHandler>();
        await handler.HandleAsync(new CreateScore(TestDefinitions.Sample("renewal")), Ana, Ct);
        store.Time.Advance(TimeSpan.FromDays(1));
        await handler.HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Actor.Of("bob@example.com", Roles.Analyst), Ct);
        store.Time.Advance(TimeSpan.FromDays(1));
        await handler.HandleAsync(new CreateScore(TestDefinitions.Sample("cross-sell", "offers")), Ana, Ct);

        var scores = await store.Get<ListScoresHandler>().HandleAsync(Ct);

        Assert.Equal(["churn", "cross-sell", "renewal"], scores.Select(s => s.Name));
        Assert.Equal(
            [("bob@example.com", TestStore.Start.UtcDateTime.AddDays(1)), ("ana@example.com", TestStore.Start.UtcDateTime.AddDays(2)),
                ("ana@example.com", TestStore.Start.UtcDateTime)],
            scores.Select(s => (s.UpdatedBy, s.UpdatedAt)));
        Assert.Equal(["", "offers", ""], scores.Select(s => s.Description));
    }
}
