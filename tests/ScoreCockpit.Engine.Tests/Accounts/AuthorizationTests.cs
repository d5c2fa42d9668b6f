using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Accounts;

/// <summary>
/// Every handler checks the actor's role itself, so a hidden button is never the only protection.
/// These run on SQLite: the check happens before the store is touched, and the store proves nothing changed.
/// </summary>
public sealed class AuthorizationTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ViewerRefusals => new()
    {
        { "create scores", Roles.Analyst },
        { "add users", Roles.Admin },
        { "change roles", Roles.Admin },
        { "list users", Roles.Admin },
        { "read the audit log", Roles.Admin },
        { "disable accounts", Roles.Admin },
        { "enable accounts", Roles.Admin },
        { "unlock accounts", Roles.Admin },
    };

    public static TheoryData<string> AdminActions =>
        ["add users", "change roles", "list users", "read the audit log", "disable accounts", "enable accounts", "unlock accounts"];

    [Theory]
    [MemberData(nameof(ViewerRefusals))]
    public async Task A_viewer_is_refused_and_nothing_changes(string action, string neededRole)
    {
        await using var store = await SeededStoreAsync();

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => RunAsync(store, action, Actor.Of("v@x", Roles.Viewer)));

        Assert.Equal($"v@x cannot {action}: this needs the {neededRole} role. Ask an Admin to grant it.", error.Message);
        await AssertUnchangedAsync(store);
    }

    [Theory]
    [MemberData(nameof(AdminActions))]
    public async Task An_analyst_is_refused_what_only_an_admin_may_do(string action)
    {
        await using var store = await SeededStoreAsync();

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => RunAsync(store, action, Actor.Of("a@x", Roles.Analyst, Roles.Viewer)));

        Assert.Contains("needs the Admin role", error.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(store);
    }

    [Fact]
    public async Task An_admin_without_the_analyst_role_may_not_create_scores()
    {
        await using var store = await SeededStoreAsync();

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => RunAsync(store, "create scores", Actor.Of("boss@x", Roles.Admin)));

        Assert.Contains("needs the Analyst role", error.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(store);
    }

    [Theory]
    [MemberData(nameof(AdminActions))]
    public async Task An_admin_may_do_what_an_admin_may_do(string action)
    {
        await using var store = await SeededStoreAsync();

        await RunAsync(store, action, Actor.Of("boss@x", Roles.Admin));

        var entries = await AuditActionsAsync(store);
        var expected = action switch
        {
            "add users" => [AuditActions.UserCreated, AuditActions.UserCreated],
            "change roles" => [AuditActions.UserCreated, AuditActions.RolesChanged],
            "disable accounts" => [AuditActions.UserCreated, AuditActions.UserDisabled],
            _ => new[] { AuditActions.UserCreated },
        };
        Assert.Equal(expected, entries);
    }

    [Fact]
    public async Task An_analyst_may_create_scores()
    {
        await using var store = await SeededStoreAsync();

        await RunAsync(store, "create scores", Actor.Of("a@x", Roles.Analyst));

        Assert.Equal(["churn"], (await store.Get<ListScoresHandler>().HandleAsync(Ct)).Select(s => s.Name));
    }

    [Fact]
    public async Task Reading_the_admin_lists_returns_what_is_there()
    {
        await using var store = await SeededStoreAsync();
        var boss = Actor.Of("boss@x", Roles.Admin);

        var users = await store.Get<ListUsersHandler>().HandleAsync(boss, Ct);
        var audit = await store.Get<ListAuditEntriesHandler>().HandleAsync(new ListAuditEntries(), boss, Ct);

        Assert.Equal(["viewer@example.com"], users.Select(u => u.Email));
        Assert.Equal([Roles.Viewer], Assert.Single(users).Roles);
        Assert.Equal(1, audit.Total);
    }

    /// <summary>A SQLite store holding one Viewer account and its audit line.</summary>
    private async Task<TestStore> SeededStoreAsync()
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.AddUserAsync("viewer@example.com", Roles.Viewer);
        return store;
    }

    private static async Task RunAsync(TestStore store, string action, Actor actor)
    {
        switch (action)
        {
            case "create scores":
                await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), actor, Ct);
                break;
            case "add users":
                await store.Get<AddUserHandler>().HandleAsync(
                    new AddUser("new@example.com", TestStore.GoodPassword, [Roles.Viewer]), actor, Ct);
                break;
            case "change roles":
                await store.Get<ChangeUserRolesHandler>().HandleAsync(
                    new ChangeUserRoles("viewer@example.com", [Roles.Analyst]), actor, Ct);
                break;
            case "list users":
                await store.Get<ListUsersHandler>().HandleAsync(actor, Ct);
                break;
            case "read the audit log":
                await store.Get<ListAuditEntriesHandler>().HandleAsync(new ListAuditEntries(), actor, Ct);
                break;
            case "disable accounts":
                await store.Get<DisableUserHandler>().HandleAsync(new DisableUser("viewer@example.com"), actor, Ct);
                break;
            case "enable accounts":
                await store.Get<EnableUserHandler>().HandleAsync(new EnableUser("viewer@example.com"), actor, Ct);
                break;
            case "unlock accounts":
                await store.Get<UnlockUserHandler>().HandleAsync(new UnlockUser("viewer@example.com"), actor, Ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "No such action in this test.");
        }
    }

    private static async Task AssertUnchangedAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        Assert.Equal(["viewer@example.com"], await db.Users.Select(u => u.Email!).ToListAsync(Ct));
        Assert.Equal(1, await db.UserRoles.CountAsync(Ct));
        Assert.Null(await db.Users.Select(u => u.DisabledAt).SingleAsync(Ct));
        Assert.Equal(0, await db.Scores.CountAsync(Ct));
        Assert.Equal([AuditActions.UserCreated], await AuditActionsAsync(store));
    }

    private static async Task<List<string>> AuditActionsAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        return await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct);
    }
}
