using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Tests.Shared.Oidc;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Accounts;

/// <summary>The provider and the portal, started once for the company sign-in tests that share them.</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public TestOpenIdProvider Provider { get; private set; } = null!;

    public OidcPortal Portal { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Provider = await TestOpenIdProvider.StartAsync();
        Portal = new OidcPortal(Provider);
        _ = Portal.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Company sign-in through a real OpenID provider on loopback, over the real portal's HTTP.</summary>
public sealed class OidcSignInTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    private OidcPortal Portal => fixture.Portal;

    [Fact]
    public async Task A_mapped_group_signs_in_with_its_role_and_returns_to_the_asked_page()
    {
        var browser = Portal.Browser();
        var landed = await Portal.SignInThroughProviderAsync(browser, new TestPerson("sub-vera", "vera@example.com", "staff", "viewers"), "/scores");

        Assert.Equal("/scores", landed.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/scores")).StatusCode);
        Assert.StartsWith("/account/access-denied", OidcPortal.RedirectOf(await browser.GetAsync("/admin/users"), browser).AbsolutePath, StringComparison.Ordinal);
        var (user, roles) = await Portal.AccountAsync("vera@example.com");
        Assert.Equal([Roles.Viewer], roles);
        await using var scope = Portal.Services.CreateAsyncScope();
        var logins = await scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>().GetLoginsAsync(user!);
        Assert.Contains(logins, l => l.LoginProvider == "oidc" && l.ProviderKey == "sub-vera");
        var audit = await Portal.AuditAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.SignIn && e.Actor == "vera@example.com");
        Assert.Contains(audit, e => e.Action == AuditActions.UserCreated && e.Subject == "vera@example.com");
    }

    [Theory]
    [InlineData("readers", new[] { Roles.Viewer })]
    [InlineData("analysts", new[] { Roles.Analyst })]
    [InlineData("cockpit-admins", new[] { Roles.Admin })]
    [InlineData("analysts,cockpit-admins", new[] { Roles.Analyst, Roles.Admin })]
    public async Task Claim_values_map_to_roles(string groups, string[] expected)
    {
        var email = $"{groups.Replace(',', '-')}@example.com";
        var browser = Portal.Browser();
        var landed = await Portal.SignInThroughProviderAsync(browser, new TestPerson($"sub-{email}", email, groups.Split(',')));

        Assert.Equal("/", landed.AbsolutePath);
        Assert.Equal(expected.Order(), (await Portal.AccountAsync(email)).Roles.Order());
        // The session carries the roles too: only an Admin opens the users page.
        var users = await browser.GetAsync("/admin/users");
        Assert.Equal(expected.Contains(Roles.Admin), users.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_person_in_no_mapped_group_is_refused_with_the_reason_and_no_account()
    {
        var browser = Portal.Browser();
        var landed = await Portal.SignInThroughProviderAsync(browser, new TestPerson("sub-sam", "sam@example.com", "sales", "everyone"));

        Assert.Equal("/account/company/refused/no-group", landed.AbsolutePath);
        var page = await browser.GetStringAsync(landed);
        Assert.Contains("Your company account is in none of the groups that give access to ScoreCockpit", page, StringComparison.Ordinal);
        Assert.Null((await Portal.AccountAsync("sam@example.com")).User);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        Assert.Contains(await Portal.AuditAsync(), e => e.Action == AuditActions.CompanySignInRefused && e.Subject == "sam@example.com");
    }

    [Fact]
    public async Task Roles_follow_the_provider_at_the_next_sign_in()
    {
        const string email = "rolf@example.com";
        var first = Portal.Browser();
        await Portal.SignInThroughProviderAsync(first, new TestPerson("sub-rolf", email, "analysts", "cockpit-admins"));
        var (user, roles) = await Portal.AccountAsync(email);
        Assert.Equal([Roles.Analyst, Roles.Admin], roles.Order(StringComparer.Ordinal).Reverse());
        var stamp = user!.SecurityStamp;

        var again = Portal.Browser();
        await Portal.SignInThroughProviderAsync(again, new TestPerson("sub-rolf", email, "viewers"));

        (user, roles) = await Portal.AccountAsync(email);
        Assert.Equal([Roles.Viewer], roles);
        Assert.NotEqual(stamp, user!.SecurityStamp);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/admin/users")).StatusCode);
        Assert.Contains(await Portal.AuditAsync(), e => e.Action == AuditActions.RolesChanged && e.Subject == email);
    }

    [Fact]
    public async Task An_existing_local_account_is_linked_and_a_locked_one_is_refused()
    {
        await Portal.AddUserAsync("lena@example.com", "Portal2026ok", Roles.Analyst);
        var browser = Portal.Browser();
        Assert.Equal("/", (await Portal.SignInThroughProviderAsync(browser, new TestPerson("sub-lena", "lena@example.com", "viewers"))).AbsolutePath);
        Assert.Equal([Roles.Viewer], (await Portal.AccountAsync("lena@example.com")).Roles);

        await Portal.AddUserAsync("otto@example.com", "Portal2026ok", Roles.Viewer);
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("otto@example.com"))!, DateTimeOffset.MaxValue);
        }

        var locked = Portal.Browser();
        var landed = await Portal.SignInThroughProviderAsync(locked, new TestPerson("sub-otto", "otto@example.com", "analysts"));

        Assert.Equal("/account/company/refused/disabled", landed.AbsolutePath);
        Assert.Contains("disabled or locked", await locked.GetStringAsync(landed), StringComparison.Ordinal);
        Assert.Equal([Roles.Viewer], (await Portal.AccountAsync("otto@example.com")).Roles);
        Assert.Equal(HttpStatusCode.Redirect, (await locked.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_provider_session_and_comes_back_to_sign_in()
    {
        var browser = Portal.Browser();
        await Portal.SignInThroughProviderAsync(browser, new TestPerson("sub-olga", "olga@example.com", "viewers"));
        var before = Portal.Provider.EndSessions.Count;

        var signOut = await PostSignOutAsync(browser);

        var endSession = OidcPortal.RedirectOf(signOut, browser);
        Assert.StartsWith(Portal.Provider.Issuer + "/end_session?", endSession.AbsoluteUri, StringComparison.Ordinal);
        using var outside = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = OidcPortal.RedirectOf(await outside.GetAsync(endSession), browser);
        Assert.Equal("https://localhost/account/signin?signedOut=true", back.AbsoluteUri);
        var seen = Portal.Provider.EndSessions.Skip(before).Single();
        Assert.Equal(Portal.Provider.ClientId, seen["client_id"]);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        Assert.Contains(await Portal.AuditAsync(), e => e.Action == AuditActions.SignOut && e.Actor == "olga@example.com");
    }

    [Fact]
    public async Task A_password_session_signs_out_locally_only()
    {
        await Portal.AddUserAsync("paula@example.com", "Portal2026ok", Roles.Viewer);
        var client = new PortalClient(Portal);
        await client.SignInOrFailAsync("paula@example.com", "Portal2026ok");

        var signOut = await PostSignOutAsync(client.Http);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/signin?signedOut=true", signOut.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_client_secret_and_the_tokens_never_reach_the_log()
    {
        var browser = Portal.Browser();
        await Portal.SignInThroughProviderAsync(browser, new TestPerson("sub-lou", "lou@example.com", "analysts"));
        await Portal.SignInThroughProviderAsync(Portal.Browser(), new TestPerson("sub-lou-2", "lou2@example.com", "nobody"));

        var logs = Portal.Logs.ToList();
        Assert.Contains(logs, l => l.Contains("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal));
        // The one-time code is left out: the handler itself traces it, and it is worthless once redeemed (PKCE, secret).
        var secrets = Portal.Provider.IssuedTokens.Append(Portal.Provider.ClientSecret).ToList();
        Assert.NotEmpty(Portal.Provider.IssuedTokens);
        var leaks = logs.Where(l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, $"logged a secret or token:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
    }

    private static async Task<HttpResponseMessage> PostSignOutAsync(HttpClient browser)
    {
        // The sign-in page is open to a signed-in person too, and carries a form token bound to them.
        var page = await browser.GetStringAsync("/account/signin");
        return await browser.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalClient.Hidden(page, "__RequestVerificationToken"),
        }));
    }
}
