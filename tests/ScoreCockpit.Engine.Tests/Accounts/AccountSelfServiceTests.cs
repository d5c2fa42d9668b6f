using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Accounts;

/// <summary>
/// Change password, reset by mail, disable, enable and unlock on a SQLite store with a fake clock, so a reset link
/// expires without waiting. The portal's side (sign-in, open sessions) is in the web tests.
/// </summary>
public sealed class AccountSelfServiceTests(PostgresClusterFixture postgres)
{
    private const string NewPassword = "Brand-New-Pass-7";
    private static readonly Actor Boss = Actor.Of("boss@example.com", Roles.Admin);
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changing_a_password_needs_the_current_one_and_renews_the_security_stamp()
    {
        await using var store = await SeededAsync();
        var handler = store.Get<ChangePasswordHandler>();
        var stamp = (await UserAsync(store, "ana@example.com")).SecurityStamp;

        var wrong = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            handler.HandleAsync(new ChangePassword("Not-The-Pass-1", NewPassword, NewPassword), Ana, Ct));
        Assert.StartsWith("The current password is not right.", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await UserAsync(store, "ana@example.com")).AccessFailedCount);

        var mismatch = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            handler.HandleAsync(new ChangePassword(TestStore.GoodPassword, NewPassword, NewPassword + "x"), Ana, Ct));
        Assert.Contains("do not match", mismatch.Message, StringComparison.Ordinal);
        var weak = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            handler.HandleAsync(new ChangePassword(TestStore.GoodPassword, "short", "short"), Ana, Ct));
        Assert.Contains("at least 10 characters", weak.Message, StringComparison.Ordinal);

        await handler.HandleAsync(new ChangePassword(TestStore.GoodPassword, NewPassword, NewPassword), Ana, Ct);

        Assert.True(await PasswordWorksAsync(store, "ana@example.com", NewPassword));
        Assert.False(await PasswordWorksAsync(store, "ana@example.com", TestStore.GoodPassword));
        Assert.NotEqual(stamp, (await UserAsync(store, "ana@example.com")).SecurityStamp);
        var entry = Assert.Single(await AuditAsync(store, AuditActions.PasswordChanged));
        Assert.Equal(("ana@example.com", "ana@example.com"), (entry.Actor, entry.Subject));
    }

    [Fact]
    public async Task Only_a_person_changes_a_password_and_only_their_own()
    {
        await using var store = await SeededAsync();
        var handler = store.Get<ChangePasswordHandler>();
        var request = new ChangePassword(TestStore.GoodPassword, NewPassword, NewPassword);

        await Assert.ThrowsAsync<AccessDeniedException>(() => handler.HandleAsync(request, Actor.System, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => handler.HandleAsync(request, Actor.Of("ghost@example.com", Roles.Admin), Ct));

        Assert.True(await PasswordWorksAsync(store, "ana@example.com", TestStore.GoodPassword));
        Assert.True(await PasswordWorksAsync(store, "boss@example.com", TestStore.GoodPassword));
    }

    [Fact]
    public async Task A_reset_mail_holds_a_link_that_works_once_in_the_account_language()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = await SeededAsync(smtp.Port);
        await SetLanguageAsync(store, "ana@example.com", "fr");

        await store.Get<RequestPasswordResetHandler>().HandleAsync(new RequestPasswordReset(" ANA@example.com "), Ct);

        var mail = await smtp.NextAsync();
        Assert.Equal(["ana@example.com"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("[ScoreCockpit] Réinitialiser votre mot de passe", mail.Subject);
        Assert.Contains("dans un délai de 30 min", mail.TextBody, StringComparison.Ordinal);
        var (email, token) = LinkIn(mail.TextBody);
        Assert.Equal("ana@example.com", email);

        var reset = store.Get<ResetPasswordHandler>();
        Assert.True(await reset.IsValidAsync(email, token));
        await reset.HandleAsync(new ResetPassword(email, token, NewPassword, NewPassword), Ct);

        Assert.True(await PasswordWorksAsync(store, "ana@example.com", NewPassword));
        Assert.False(await reset.IsValidAsync(email, token));
        var again = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            reset.HandleAsync(new ResetPassword(email, token, "Another-Pass-99", "Another-Pass-99"), Ct));
        Assert.StartsWith("This reset link does not work any more", again.Message, StringComparison.Ordinal);
        Assert.True(await PasswordWorksAsync(store, "ana@example.com", NewPassword));
        Assert.Single(await AuditAsync(store, AuditActions.PasswordReset));
    }

    [Fact]
    public async Task A_reset_link_expires_after_its_lifetime_on_the_cockpit_clock()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = await SeededAsync(smtp.Port);
        await store.Get<RequestPasswordResetHandler>().HandleAsync(new RequestPasswordReset("ana@example.com"), Ct);
        var text = (await smtp.NextAsync()).TextBody;
        Assert.Contains("within 30 min:", text, StringComparison.Ordinal);
        var (email, token) = LinkIn(text);

        store.Time.Advance(ResetTokenOptions.DefaultLifetime - TimeSpan.FromSeconds(1));
        Assert.True(await store.Get<ResetPasswordHandler>().IsValidAsync(email, token));
        store.Time.Advance(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<CockpitValidationException>(() =>
            store.Get<ResetPasswordHandler>().HandleAsync(new ResetPassword(email, token, NewPassword, NewPassword), Ct));
        Assert.True(await PasswordWorksAsync(store, "ana@example.com", TestStore.GoodPassword));
    }

    [Fact]
    public async Task Unknown_disabled_and_repeated_requests_send_no_mail_and_answer_the_same()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = await SeededAsync(smtp.Port);
        var handler = store.Get<RequestPasswordResetHandler>();
        await store.Get<DisableUserHandler>().HandleAsync(new DisableUser("boss2@example.com"), Boss, Ct);

        await handler.HandleAsync(new RequestPasswordReset("nobody@example.com"), Ct);
        await handler.HandleAsync(new RequestPasswordReset("boss2@example.com"), Ct);
        await handler.HandleAsync(new RequestPasswordReset("ana@example.com"), Ct);
        await handler.HandleAsync(new RequestPasswordReset("ana@example.com"), Ct);

        // Only ana's first request mails; the next one within two minutes does not.
        Assert.Equal("ana@example.com", (await smtp.NextAsync()).To.Mailboxes.Single().Address);
        store.Time.Advance(RequestPasswordResetHandler.MailInterval);
        await handler.HandleAsync(new RequestPasswordReset("ana@example.com"), Ct);
        Assert.Equal("ana@example.com", (await smtp.NextAsync()).To.Mailboxes.Single().Address);
        Assert.Equal(0, smtp.Waiting);

        var outcomes = (await AuditAsync(store, AuditActions.PasswordResetRequested)).Select(e => (e.Subject, e.Details)).ToList();
        Assert.Equal(
        [
            ("nobody@example.com", "no account"), ("boss2@example.com", "account disabled"), ("ana@example.com", "mail sent"),
            ("ana@example.com", "no mail: one was sent less than 2 minutes ago"), ("ana@example.com", "mail sent"),
        ], outcomes);
    }

    [Fact]
    public async Task Without_a_mail_server_a_reset_is_refused_with_what_to_do()
    {
        await using var store = await SeededAsync();
        var handler = store.Get<RequestPasswordResetHandler>();

        Assert.False(await handler.IsAvailableAsync(Ct));
        var error = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            handler.HandleAsync(new RequestPasswordReset("ana@example.com"), Ct));
        Assert.Contains("ask an Admin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_disables_and_enables_an_account_and_its_stamp_changes()
    {
        await using var store = await SeededAsync();
        var stamp = (await UserAsync(store, "ana@example.com")).SecurityStamp;
        store.Time.Advance(TimeSpan.FromHours(1));

        await store.Get<DisableUserHandler>().HandleAsync(new DisableUser("ana@example.com"), Boss, Ct);

        var disabled = await UserAsync(store, "ana@example.com");
        Assert.Equal(TestStore.Start.UtcDateTime.AddHours(1), disabled.DisabledAt);
        Assert.NotEqual(stamp, disabled.SecurityStamp);
        var listed = (await store.Get<ListUsersHandler>().HandleAsync(Boss, Ct)).Single(u => u.Email == "ana@example.com");
        Assert.Equal(disabled.DisabledAt, listed.DisabledAt);

        await store.Get<EnableUserHandler>().HandleAsync(new EnableUser("ana@example.com"), Boss, Ct);

        Assert.Null((await UserAsync(store, "ana@example.com")).DisabledAt);
        Assert.Equal(
            [("boss@example.com", "ana@example.com")],
            (await AuditAsync(store, AuditActions.UserDisabled)).Select(e => (e.Actor, e.Subject!)).Where(e => e.Item2 == "ana@example.com"));
        Assert.Single(await AuditAsync(store, AuditActions.UserEnabled));
    }

    [Fact]
    public async Task Nobody_disables_themselves_nor_the_last_enabled_admin()
    {
        await using var store = await SeededAsync();
        var disable = store.Get<DisableUserHandler>();

        var self = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            disable.HandleAsync(new DisableUser("boss@example.com"), Boss, Ct));
        Assert.StartsWith("You cannot disable your own account", self.Message, StringComparison.Ordinal);

        await disable.HandleAsync(new DisableUser("boss2@example.com"), Boss, Ct);
        var last = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            disable.HandleAsync(new DisableUser("boss@example.com"), Actor.System, Ct));
        Assert.Contains("boss@example.com is the last enabled Admin", last.Message, StringComparison.Ordinal);

        // Nor does the last enabled Admin lose the role while a disabled one still holds it.
        var demote = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<ChangeUserRolesHandler>()
            .HandleAsync(new ChangeUserRoles("boss@example.com", [Roles.Viewer]), Actor.System, Ct));
        Assert.Contains("last Admin", demote.Message, StringComparison.Ordinal);
        Assert.Null((await UserAsync(store, "boss@example.com")).DisabledAt);
    }

    [Fact]
    public async Task Unlock_ends_a_lock_out_after_failed_attempts()
    {
        await using var store = await SeededAsync();
        await LockOutAsync(store, "ana@example.com");

        await store.Get<UnlockUserHandler>().HandleAsync(new UnlockUser("ana@example.com"), Boss, Ct);

        var unlocked = await UserAsync(store, "ana@example.com");
        Assert.Equal((null, 0), (unlocked.LockoutEnd, unlocked.AccessFailedCount));
        Assert.Equal("boss@example.com", Assert.Single(await AuditAsync(store, AuditActions.UserUnlocked)).Actor);
    }

    [Fact]
    public async Task An_admin_sets_a_new_password_that_ends_the_sessions_and_the_lock_out()
    {
        await using var store = await SeededAsync();
        await LockOutAsync(store, "ana@example.com");

        var stamp = (await UserAsync(store, "ana@example.com")).SecurityStamp;
        var set = store.Get<SetPasswordHandler>();

        var mismatch = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            set.HandleAsync(new SetPassword("ana@example.com", NewPassword, NewPassword + "x"), Boss, Ct));
        Assert.Contains("do not match", mismatch.Message, StringComparison.Ordinal);
        var weak = await Assert.ThrowsAsync<CockpitValidationException>(() => set.HandleAsync(new SetPassword("ana@example.com", "short", "short"), Boss, Ct));
        Assert.Contains("at least", weak.Message, StringComparison.Ordinal);
        Assert.True(await PasswordWorksAsync(store, "ana@example.com", TestStore.GoodPassword));

        await set.HandleAsync(new SetPassword(" ana@example.com ", NewPassword, NewPassword), Boss, Ct);

        Assert.True(await PasswordWorksAsync(store, "ana@example.com", NewPassword));
        Assert.False(await PasswordWorksAsync(store, "ana@example.com", TestStore.GoodPassword));
        var after = await UserAsync(store, "ana@example.com");
        Assert.NotEqual(stamp, after.SecurityStamp);
        Assert.Equal((null, 0), (after.LockoutEnd, after.AccessFailedCount));
        var entry = Assert.Single(await AuditAsync(store, AuditActions.PasswordSet));
        Assert.Equal(("boss@example.com", "ana@example.com"), (entry.Actor, entry.Subject));
        Assert.DoesNotContain(NewPassword, entry.Details ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_sets_a_password_and_never_their_own_nor_a_company_accounts()
    {
        await using var store = await SeededAsync();
        var set = store.Get<SetPasswordHandler>();
        await using (var scope = store.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
            Assert.True((await users.CreateAsync(new CockpitUser { UserName = "cora@example.com", Email = "cora@example.com" })).Succeeded);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => set.HandleAsync(new SetPassword("boss@example.com", NewPassword, NewPassword), Ana, Ct));
        var own = await Assert.ThrowsAsync<CockpitValidationException>(() => set.HandleAsync(new SetPassword("boss@example.com", NewPassword, NewPassword), Boss, Ct));
        Assert.StartsWith("Change your own password from your menu", own.Message, StringComparison.Ordinal);
        var company = await Assert.ThrowsAsync<CockpitValidationException>(() => set.HandleAsync(new SetPassword("cora@example.com", NewPassword, NewPassword), Boss, Ct));
        Assert.Contains("cora@example.com signs in through the company's identity provider", company.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<CockpitValidationException>(() => set.HandleAsync(new SetPassword("nobody@example.com", NewPassword, NewPassword), Boss, Ct));
        Assert.Equal("No user has the email 'nobody@example.com'.", unknown.Message);

        Assert.True(await PasswordWorksAsync(store, "boss@example.com", TestStore.GoodPassword));
        Assert.Empty(await AuditAsync(store, AuditActions.PasswordSet));
        // The Users page offers the button only where a password exists.
        var listed = await store.Get<ListUsersHandler>().HandleAsync(Boss, Ct);
        Assert.Equal([("ana@example.com", true), ("cora@example.com", false)],
            listed.Where(u => u.Email is "ana@example.com" or "cora@example.com").Select(u => (u.Email, u.HasPassword)));
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("45", 45)]
    [InlineData("01:30:00", 90)]
    public void The_link_lifetime_setting_reads_minutes_or_a_duration(string? setting, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ResetTokenOptions.Resolve(setting));

    [Fact]
    public void A_wrong_link_lifetime_stops_the_start_with_the_expected_forms()
    {
        var error = Assert.Throws<CockpitSetupException>(() => ResetTokenOptions.Resolve("forever"));
        Assert.Contains("Accounts:ResetTokenLifetime = 'forever'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Five wrong passwords in a row, as at the sign-in page: the account is locked out.</summary>
    private static async Task LockOutAsync(TestStore store, string email)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await users.AccessFailedAsync(user);
        }

        Assert.True(await users.IsLockedOutAsync(user));
    }

    /// <summary>Two Admins (boss, boss2) and an Analyst (ana); with a port, the mail server there.</summary>
    private async Task<TestStore> SeededAsync(int? smtpPort = null)
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.AddUserAsync("boss@example.com", Roles.Admin);
        await store.AddUserAsync("boss2@example.com", Roles.Admin);
        await store.AddUserAsync("ana@example.com", Roles.Analyst);
        if (smtpPort is { } port)
        {
            await store.Get<MailSettingsHandler>().SaveAsync(new MailSettingsInput("127.0.0.1", port, MailSecurity.None, null, null,
                "ScoreCockpit <cockpit@example.com>", "http://cockpit.example", []), Boss, Ct);
        }

        return store;
    }

    private static (string Email, string Token) LinkIn(string? text)
    {
        var match = Regex.Match(text ?? "", @"http://cockpit\.example/account/reset\?email=(?<email>[^&\s]+)&token=(?<token>\S+)");
        Assert.True(match.Success, $"No reset link in the mail: {text}");
        return (Uri.UnescapeDataString(match.Groups["email"].Value), Uri.UnescapeDataString(match.Groups["token"].Value));
    }

    private static async Task<CockpitUser> UserAsync(TestStore store, string email)
    {
        await using var db = await store.OpenAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct);
    }

    private static async Task SetLanguageAsync(TestStore store, string email, string language)
    {
        await using var db = await store.OpenAsync();
        (await db.Users.SingleAsync(u => u.Email == email, Ct)).Language = language;
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<bool> PasswordWorksAsync(TestStore store, string email, string password)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }

    private static async Task<List<AuditEntry>> AuditAsync(TestStore store, string action)
    {
        await using var db = await store.OpenAsync();
        return await db.AuditEntries.Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync(Ct);
    }
}
