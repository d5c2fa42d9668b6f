using System.Net;
using Microsoft.Extensions.Configuration;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared.Oidc;
using ScoreCockpit.Web.Accounts.Oidc;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Accounts;

/// <summary>Company sign-in's settings: off when absent, refused when half set, and replacing local accounts when asked.</summary>
public sealed class OidcSetupTests
{
    [Fact]
    public void No_section_means_no_company_sign_in()
    {
        Assert.Null(OidcSettings.Resolve(Config([])));
    }

    [Fact]
    public void Defaults_fill_what_is_not_set()
    {
        var settings = OidcSettings.Resolve(Config(new()
        {
            ["Oidc:Authority"] = "https://id.example.com/realms/acme",
            ["Oidc:ClientId"] = "cockpit",
            ["Oidc:ClientSecret"] = "very-secret",
            ["Oidc:Roles:Analyst"] = "analysts, data-team",
        }))!;

        Assert.Equal(["openid", "profile", "email"], settings.Scopes);
        Assert.Equal("groups", settings.RoleClaim);
        Assert.Equal("email", settings.EmailClaim);
        Assert.True(settings.LocalAccounts);
        Assert.True(settings.RequireHttpsMetadata);
        Assert.Equal([Roles.Analyst], settings.RolesFor(["data-team", "other"]));
        Assert.Empty(settings.RolesFor(["Analysts"]));
        Assert.DoesNotContain("very-secret", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oidc:Authority", "https://id.example.com", "Oidc:ClientId")]
    [InlineData("Oidc:ClientId", "cockpit", "Oidc:Authority")]
    public void A_half_configuration_names_what_is_missing(string key, string value, string missing)
    {
        var e = Assert.Throws<CockpitSetupException>(() => OidcSettings.Resolve(Config(new() { [key] = value })));

        Assert.Contains("only partly configured", e.Message, StringComparison.Ordinal);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("Oidc:Roles:Viewer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_half_configuration_stops_the_portal_at_start_with_the_message()
    {
        var (exit, output) = await StartupProblemTests.RunPortalOnEmptyDataAsync("--Oidc:Authority", "https://id.example.com",
            "--Oidc:ClientSecret", "half-config-secret");

        Assert.Equal(2, exit);
        Assert.Contains("ScoreCockpit cannot start: Company sign-in (section Oidc) is only partly configured: Oidc:ClientId", output, StringComparison.Ordinal);
        Assert.DoesNotContain("half-config-secret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_local_accounts_the_first_person_gets_only_the_mapped_role_and_passwords_are_refused()
    {
        // One portal for both checks: each portal start costs seconds of the suite.
        await using var provider = await TestOpenIdProvider.StartAsync();
        await using var portal = new OidcPortal(provider, new Dictionary<string, string> { ["Oidc:LocalAccounts"] = "false" });
        var browser = portal.Browser();

        // An empty store shows the company sign-in, not the first-admin set-up, and no password form.
        var signIn = await browser.GetAsync("/account/signin");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var page = await signIn.Content.ReadAsStringAsync();
        Assert.Contains($"Sign in with {OidcPortal.DisplayName}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"password\"", page, StringComparison.Ordinal);
        Assert.Equal("/account/signin", OidcPortal.RedirectOf(await browser.GetAsync("/setup"), browser).AbsolutePath);

        // The first person through the provider is what their groups say, not Admin.
        await portal.SignInThroughProviderAsync(browser, new TestPerson("sub-first", "first@example.com", "viewers"));
        Assert.Equal([Roles.Viewer], (await portal.AccountAsync("first@example.com")).Roles);
        Assert.Equal("/account/access-denied", OidcPortal.RedirectOf(await browser.GetAsync("/admin/users"), browser).AbsolutePath);

        // A password account made on the command line cannot sign in with its password, even by a forged post.
        await portal.AddUserAsync("pat@example.com", "Portal2026ok", Roles.Admin);
        var other = portal.Browser();
        var form = await other.GetStringAsync("/account/signin");
        var forged = await other.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalClient.Hidden(form, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Input.Email"] = "pat@example.com",
            ["Input.Password"] = "Portal2026ok",
        }));

        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/")).StatusCode);
        Assert.DoesNotContain(await portal.AuditAsync(), e => e.Action == AuditActions.SignIn && e.Actor == "pat@example.com");
    }

    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
