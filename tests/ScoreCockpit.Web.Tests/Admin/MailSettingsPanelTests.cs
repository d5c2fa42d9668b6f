using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Accounts;
using ScoreCockpit.Web.Components.Pages.Admin;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Admin;

/// <summary>The mail section of Admin → Settings over the real engine and store of a test portal.</summary>
public sealed class MailSettingsPanelTests : BunitContext
{
    private const string Secret = "Smtp-Secret-77";
    private readonly PortalFactory _portal = new();

    public MailSettingsPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<MailSettingsHandler>());
        Services.AddSingleton(_portal.Services.GetRequiredService<MailSender>());
        Services.AddScoped<CurrentActor>();
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles(Roles.Admin);
    }

    [Fact]
    public async Task Saved_settings_keep_the_password_stored_but_never_shown()
    {
        var panel = Render<MailSettingsPanel>();
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#mail-not-set")));
        Assert.True(panel.Find("#send-test-mail").HasAttribute("disabled"));

        panel.Find("#mail-host").Change("smtp.example.com");
        panel.Find("#mail-username").Change("cockpit");
        panel.Find("#mail-password").Change(Secret);
        panel.Find("#mail-from").Change("cockpit@example.com");
        panel.Find("#mail-portal-url").Change("https://cockpit.example.com");
        panel.Find("#mail-recipients").Change("ops@example.com, ana@example.com");
        panel.Find("#save-mail").Click();

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("#mail-not-set")));
        Assert.Empty(panel.FindAll("#mail-error"));
        Assert.Contains("Stored. Leave empty to keep it", panel.Markup, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(panel.Find("#mail-password").GetAttribute("value")));
        Assert.DoesNotContain(Secret, panel.Markup, StringComparison.Ordinal);
        Assert.Contains("admin@example.com", panel.Find("#mail-updated").TextContent, StringComparison.Ordinal);
        var stored = await _portal.Services.GetRequiredService<MailSettingsHandler>().GetAsync();
        Assert.Equal(("smtp.example.com", 587, true, "ops@example.com, ana@example.com"),
            (stored!.Host, stored.Port, stored.HasPassword, string.Join(", ", stored.DefaultRecipients)));

        // A second render, as after a reload, shows the stored values and still not the password.
        var again = Render<MailSettingsPanel>();
        again.WaitForAssertion(() => Assert.Equal("smtp.example.com", again.Find("#mail-host").GetAttribute("value")));
        Assert.DoesNotContain(Secret, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_message_in_words()
    {
        var panel = Render<MailSettingsPanel>();
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#mail-not-set")));

        panel.Find("#mail-host").Change("smtp.example.com");
        panel.Find("#mail-from").Change("cockpit");
        panel.Find("#save-mail").Click();

        panel.WaitForAssertion(() => Assert.Equal(
            "The sender address 'cockpit' is not a valid mail address; give one like scorecockpit@example.com.",
            panel.Find("#mail-error").TextContent.Trim()));
        Assert.NotNull(panel.Find("#mail-not-set"));
    }

    [Fact]
    public async Task A_test_mail_to_a_server_that_is_not_there_says_which_server_failed()
    {
        var port = PostgresCluster.FindFreePort();
        await _portal.Services.GetRequiredService<MailSettingsHandler>().SaveAsync(new MailSettingsInput(
            "127.0.0.1", port, MailSecurity.None, null, null, "cockpit@example.com", "http://localhost:5000", []),
            Actor.Of("admin@example.com", Roles.Admin));
        var panel = Render<MailSettingsPanel>();
        panel.WaitForAssertion(() => Assert.False(panel.Find("#send-test-mail").HasAttribute("disabled")));

        panel.Find("#test-mail-to").Change("me@example.com");
        panel.Find("#send-test-mail").Click();

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#test-mail-result")), TimeSpan.FromSeconds(30));
        var result = panel.Find("#test-mail-result");
        Assert.Contains($"Cannot connect to the mail server 127.0.0.1:{port}", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("error", result.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_page_shows_an_admin_the_mail_panel_without_the_password()
    {
        const string Password = "Portal2026ok";
        await _portal.AddUserAsync("admin@example.com", Password, Roles.Admin);
        await _portal.Services.GetRequiredService<MailSettingsHandler>().SaveAsync(new MailSettingsInput(
            "smtp.example.com", 587, MailSecurity.StartTls, "cockpit", Secret, "cockpit@example.com", "https://cockpit.example.com", []),
            Actor.Of("admin@example.com", Roles.Admin));
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("admin@example.com", Password);

        var response = await client.GetAsync("/admin/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"mail-settings\"", html, StringComparison.Ordinal);
        Assert.Contains("smtp.example.com", html, StringComparison.Ordinal);
        Assert.Contains("id=\"send-test-mail\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _portal.Dispose();
        }
    }
}
