using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Alerts;

/// <summary>Mail settings in the portal settings table: validated, audited, the password encrypted and never shown back.</summary>
public sealed class MailSettingsHandlerTests(PostgresClusterFixture postgres)
{
    private const string Secret = "Smtp-Secret-77";
    private static readonly Actor Admin = Actor.Of("adam@example.com", Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static MailSettingsInput Input(string host = "smtp.example.com", int? port = 587, string? password = Secret) => new(
        host, port, MailSecurity.StartTls, "cockpit", password, "ScoreCockpit <cockpit@example.com>", "https://cockpit.example.com/",
        ["ops@example.com", " ana@example.com ", "OPS@example.com", ""]);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Settings_round_trip_with_the_password_encrypted_and_never_returned(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var handler = store.Get<MailSettingsHandler>();
        Assert.Null(await handler.GetAsync(Ct));

        await handler.SaveAsync(Input(), Admin, Ct);

        var read = await handler.GetAsync(Ct);
        Assert.NotNull(read);
        Assert.Equal(("smtp.example.com", 587, MailSecurity.StartTls, "cockpit", true, "ScoreCockpit <cockpit@example.com>"),
            (read.Host, read.Port, read.Security, read.UserName, read.HasPassword, read.From));
        Assert.Equal("https://cockpit.example.com", read.PortalBaseUrl);
        Assert.Equal(["ops@example.com", "ana@example.com"], read.DefaultRecipients);
        Assert.Equal((TestStore.Start.UtcDateTime, "adam@example.com"), (read.UpdatedAt, read.UpdatedBy));
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(read), StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(MailSettings).GetProperties(), p => p.Name == "Password");

        await using (var db = await store.OpenAsync())
        {
            var raw = await db.PortalSettings.AsNoTracking().SingleAsync(s => s.Key == "mail-password", Ct);
            Assert.DoesNotContain(Secret, raw.Value, StringComparison.Ordinal);
            Assert.StartsWith("CfDJ8", raw.Value, StringComparison.Ordinal);
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((AuditActions.SettingChanged, "mail"), (audit.Action, audit.Subject));
            Assert.Equal("smtp.example.com:587 StartTls, from ScoreCockpit <cockpit@example.com>, user cockpit, password replaced, " +
                "2 default recipient(s)", audit.Details);
        }

        // The command line is another process on the same store: it decrypts the password with the stored keys.
        await using var other = SecondHost.Over(store);
        Assert.Equal(Secret, (await other.Get<MailSettingsHandler>().ResolveAsync(Ct))?.Password);
    }

    [Fact]
    public async Task An_empty_password_keeps_the_stored_one_and_clearing_removes_it()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var handler = store.Get<MailSettingsHandler>();
        await handler.SaveAsync(Input(), Admin, Ct);

        await handler.SaveAsync(Input(host: "mail.example.com", password: ""), Admin, Ct);

        Assert.Equal(("mail.example.com", Secret), ((await handler.GetAsync(Ct))!.Host, (await handler.ResolveAsync(Ct))!.Password));

        await handler.SaveAsync(Input(password: null) with { ClearPassword = true }, Admin, Ct);

        Assert.False((await handler.GetAsync(Ct))!.HasPassword);
        Assert.Null((await handler.ResolveAsync(Ct))!.Password);
        await using var db = await store.OpenAsync();
        Assert.False(await db.PortalSettings.AnyAsync(s => s.Key == "mail-password", Ct));
        Assert.Equal(["password replaced", "password kept", "password cleared"],
            (await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Details!).ToListAsync(Ct))
                .Select(d => d.Split(", ").Single(p => p.StartsWith("password", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData(MailSecurity.None, 25)]
    [InlineData(MailSecurity.StartTls, 587)]
    [InlineData(MailSecurity.SslOnConnect, 465)]
    [InlineData(MailSecurity.Auto, 587)]
    public async Task An_empty_port_takes_the_usual_one_for_the_security(MailSecurity security, int expected)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var handler = store.Get<MailSettingsHandler>();

        await handler.SaveAsync(Input(port: null) with { Security = security }, Admin, Ct);

        Assert.Equal(expected, (await handler.GetAsync(Ct))!.Port);
    }

    [Theory]
    [InlineData("host", " ", "Give the mail server's host name, for example smtp.example.com.")]
    [InlineData("host", "smtp example.com", "The mail server 'smtp example.com' is not a host name; give one like smtp.example.com.")]
    [InlineData("port", "0", "The mail server port must be between 1 and 65535 (usually 25, 465 or 587); 0 is not.")]
    [InlineData("port", "65536", "The mail server port must be between 1 and 65535 (usually 25, 465 or 587); 65536 is not.")]
    [InlineData("from", "cockpit", "The sender address 'cockpit' is not a valid mail address; give one like scorecockpit@example.com.")]
    [InlineData("from", "", "The sender address '' is not a valid mail address; give one like scorecockpit@example.com.")]
    [InlineData("url", "cockpit.example.com", "The portal address 'cockpit.example.com' must be an absolute http(s) URL such as " +
        "https://scorecockpit.example.com: mails link to runs with it.")]
    [InlineData("url", "ftp://cockpit.example.com", "The portal address 'ftp://cockpit.example.com' must be an absolute http(s) URL such as " +
        "https://scorecockpit.example.com: mails link to runs with it.")]
    [InlineData("recipient", "ops at example", "The default recipient 'ops at example' is not a valid mail address; give addresses like ops@example.com.")]
    public async Task Bad_input_is_refused_with_a_message_naming_the_field(string field, string value, string expected)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var input = field switch
        {
            "host" => Input(host: value),
            "port" => Input(port: int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            "from" => Input() with { From = value },
            "url" => Input() with { PortalBaseUrl = value },
            _ => Input() with { DefaultRecipients = ["ops@example.com", value] },
        };

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<MailSettingsHandler>().SaveAsync(input, Admin, Ct));

        Assert.Equal(expected, error.Message);
        await AssertNothingStoredAsync(store);
    }

    [Theory]
    [InlineData("vic@example.com", Roles.Viewer)]
    [InlineData("ana@example.com", Roles.Analyst)]
    public async Task Only_an_admin_changes_the_mail_settings(string name, string role)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(
            () => store.Get<MailSettingsHandler>().SaveAsync(Input(), Actor.Of(name, role), Ct));

        Assert.Equal($"{name} cannot change the mail settings: this needs the Admin role. Ask an Admin to grant it.", error.Message);
        await AssertNothingStoredAsync(store);
    }

    [Fact]
    public async Task A_password_that_cannot_be_decrypted_says_an_admin_must_enter_it_again()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<MailSettingsHandler>().SaveAsync(Input(), Admin, Ct);
        await using (var db = await store.OpenAsync())
        {
            // As if the store had been restored without its Data Protection keys.
            (await db.PortalSettings.SingleAsync(s => s.Key == "mail-password", Ct)).Value = "CfDJ8" + new string('A', 120);
            await db.SaveChangesAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<CockpitSetupException>(() => store.Get<MailSettingsHandler>().ResolveAsync(Ct));

        Assert.Equal("The mail server password cannot be decrypted: the keys in the cockpit store do not match it. " +
            "An Admin must enter it again under Admin → Settings.", error.Message);
        Assert.True((await store.Get<MailSettingsHandler>().GetAsync(Ct))!.HasPassword);
    }

    private static async Task AssertNothingStoredAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        Assert.Equal(0, await db.PortalSettings.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
    }
}
