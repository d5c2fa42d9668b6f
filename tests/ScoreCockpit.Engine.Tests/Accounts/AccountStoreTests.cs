using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Accounts;

public sealed class AccountStoreTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Boss = Actor.Of("boss@example.com", Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AddUser_creates_the_account_with_its_roles_and_writes_an_audit_entry(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);

        var user = await AddAsBossAsync(store, "  ana@example.com ", ["analyst", "VIEWER", "Analyst"]);

        Assert.Equal("ana@example.com", user.Email);
        Assert.Equal([Roles.Analyst, Roles.Viewer], await RolesOfAsync(store, "ana@example.com"));
        var users = await store.Get<ListUsersHandler>().HandleAsync(Boss, Ct);
        var listed = Assert.Single(users);
        Assert.Equal(("ana@example.com", TestStore.Start.UtcDateTime), (listed.Email, listed.CreatedAt));

        var entry = Assert.Single(await AuditAsync(store, AuditActions.UserCreated));
        Assert.Equal(("boss@example.com", "ana@example.com", "roles: Analyst, Viewer", TestStore.Start.UtcDateTime),
            (entry.Actor, entry.Subject, entry.Details, entry.At));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AddUser_refuses_an_email_already_taken_with_one_clear_message(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.AddUserAsync("ana@example.com", Roles.Analyst);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => AddAsBossAsync(store, "ANA@example.com", [Roles.Viewer]));

        Assert.Equal("Email 'ANA@example.com' is already taken.", error.Message);
        await using var db = await store.OpenAsync();
        Assert.Equal(1, await db.Users.CountAsync(Ct));
        Assert.Single(await AuditAsync(store, AuditActions.UserCreated));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AddUser_refuses_a_weak_password_and_says_what_is_missing(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<AddUserHandler>()
            .HandleAsync(new AddUser("ana@example.com", "password", [Roles.Analyst]), Boss, Ct));

        Assert.Contains("at least 10 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("digit", error.Message, StringComparison.Ordinal);
        Assert.Contains("uppercase", error.Message, StringComparison.Ordinal);
        await using var db = await store.OpenAsync();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Empty(await AuditAsync(store, AuditActions.UserCreated));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AddUser_refuses_an_unknown_role_before_creating_anything(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => AddAsBossAsync(store, "ana@example.com", ["Owner"]));

        Assert.Equal("Unknown role 'Owner'. Use Viewer, Analyst, Admin.", error.Message);
        await using var db = await store.OpenAsync();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ChangeUserRoles_replaces_the_roles_and_audits_before_and_after(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.AddUserAsync("boss@example.com", Roles.Admin);
        await store.AddUserAsync("ana@example.com", Roles.Analyst);
        store.Time.Advance(TimeSpan.FromHours(2));

        await store.Get<ChangeUserRolesHandler>()
            .HandleAsync(new ChangeUserRoles("ana@example.com", [Roles.Viewer, Roles.Admin]), Boss, Ct);

        Assert.Equal([Roles.Admin, Roles.Viewer], await RolesOfAsync(store, "ana@example.com"));
        var entry = Assert.Single(await AuditAsync(store, AuditActions.RolesChanged));
        Assert.Equal(("boss@example.com", "ana@example.com", "Analyst → Admin, Viewer"),
            (entry.Actor, entry.Subject, entry.Details));
        Assert.Equal(TestStore.Start.UtcDateTime.AddHours(2), entry.At);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ChangeUserRoles_writes_nothing_when_the_roles_stay_the_same(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.AddUserAsync("ana@example.com", Roles.Analyst, Roles.Viewer);

        await store.Get<ChangeUserRolesHandler>()
            .HandleAsync(new ChangeUserRoles("ana@example.com", ["viewer", "analyst"]), Boss, Ct);

        Assert.Equal([Roles.Analyst, Roles.Viewer], await RolesOfAsync(store, "ana@example.com"));
        Assert.Empty(await AuditAsync(store, AuditActions.RolesChanged));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ChangeUserRoles_refuses_to_remove_the_last_admin_until_there_is_another(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.AddUserAsync("boss@example.com", Roles.Admin);
        var handler = store.Get<ChangeUserRolesHandler>();
        var demote = new ChangeUserRoles("boss@example.com", [Roles.Analyst]);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.HandleAsync(demote, Boss, Ct));

        Assert.Contains("boss@example.com is the last Admin", error.Message, StringComparison.Ordinal);
        Assert.Equal([Roles.Admin], await RolesOfAsync(store, "boss@example.com"));
        Assert.Empty(await AuditAsync(store, AuditActions.RolesChanged));

        await store.AddUserAsync("deputy@example.com", Roles.Admin);
        await handler.HandleAsync(demote, Boss, Ct);

        Assert.Equal([Roles.Analyst], await RolesOfAsync(store, "boss@example.com"));
        Assert.Single(await AuditAsync(store, AuditActions.RolesChanged));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ChangeUserRoles_names_an_unknown_email(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<ChangeUserRolesHandler>()
            .HandleAsync(new ChangeUserRoles("nobody@example.com", [Roles.Viewer]), Boss, Ct));

        Assert.Equal("No user has the email 'nobody@example.com'.", error.Message);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CreateFirstAdmin_sets_up_an_empty_store_once_and_then_refuses(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var handler = store.Get<CreateFirstAdminHandler>();
        Assert.False(await handler.IsSetUpAsync(Ct));

        await handler.HandleAsync(new CreateFirstAdmin("first@example.com", TestStore.GoodPassword, TestStore.GoodPassword), Ct);

        Assert.True(await handler.IsSetUpAsync(Ct));
        Assert.Equal([Roles.Admin, Roles.Analyst], await RolesOfAsync(store, "first@example.com"));
        Assert.Equal("setup", Assert.Single(await AuditAsync(store, AuditActions.UserCreated)).Actor);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => handler.HandleAsync(
            new CreateFirstAdmin("intruder@example.com", TestStore.GoodPassword, TestStore.GoodPassword), Ct));

        Assert.Contains("already has accounts", error.Message, StringComparison.Ordinal);
        await using var db = await store.OpenAsync();
        Assert.Equal(["first@example.com"], await db.Users.Select(u => u.Email!).ToListAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CreateFirstAdmin_refuses_mismatched_passwords_and_creates_nobody(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var handler = store.Get<CreateFirstAdminHandler>();

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.HandleAsync(
            new CreateFirstAdmin("first@example.com", TestStore.GoodPassword, TestStore.GoodPassword + "x"), Ct));

        Assert.Equal("The two passwords do not match.", error.Message);
        Assert.False(await handler.IsSetUpAsync(Ct));
    }

    private static Task<CockpitUser> AddAsBossAsync(TestStore store, string email, string[] roles) =>
        store.Get<AddUserHandler>().HandleAsync(new AddUser(email, TestStore.GoodPassword, roles), Boss, Ct);

    private static async Task<List<string>> RolesOfAsync(TestStore store, string email)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<AuditEntry>> AuditAsync(TestStore store, string action) =>
        (await store.Get<ListAuditEntriesHandler>().HandleAsync(new ListAuditEntries(action), Boss, Ct)).Entries;
}
