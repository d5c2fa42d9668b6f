using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Http;

public sealed class SignInTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("ana@example.com", Password, Roles.Analyst);
        await _portal.AddUserAsync("locked@example.com", Password, Roles.Viewer);
    }

    [Fact]
    public async Task Correct_credentials_sign_in_and_return_to_the_asked_page()
    {
        var client = new PortalClient(_portal);
        var response = await client.PostFormAsync("/account/signin?ReturnUrl=%2Fscores", new Dictionary<string, string>
        {
            ["Input.Email"] = "ana@example.com",
            ["Input.Password"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/scores", response.Headers.Location!.OriginalString.TrimStart('.').Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scores")).StatusCode);
        Assert.Contains(await AuditAsync(), e => e.Action == AuditActions.SignIn && e.Actor == "ana@example.com");
    }

    [Fact]
    public async Task A_foreign_return_url_is_ignored()
    {
        var client = new PortalClient(_portal);
        var response = await client.PostFormAsync("/account/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = "ana@example.com",
            ["Input.Password"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_is_audited()
    {
        var client = new PortalClient(_portal);
        var response = await client.SignInAsync("ana@example.com", "Wrong2026password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Wrong email or password", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(), e => e.Action == AuditActions.SignInFailed && e.Actor == "ana@example.com");
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var client = new PortalClient(_portal);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.SignInAsync("locked@example.com", "Wrong2026password");
        }

        var response = await client.SignInAsync("locked@example.com", Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(), e => e.Action == AuditActions.LockedOut && e.Actor == "locked@example.com");
    }

    [Fact]
    public async Task Empty_fields_are_named()
    {
        var response = await new PortalClient(_portal).SignInAsync("", "");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Enter your email address.", html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_then_ends_the_session()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("ana@example.com", Password);

        var forged = await client.Http.PostAsync("/account/signout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scores")).StatusCode);

        // The menu renders its form only when opened; any page of the signed-in session yields a valid token.
        var page = await client.Http.GetStringAsync("/account/signin");
        var token = PortalClient.Hidden(page, "__RequestVerificationToken");
        var signedOut = await client.Http.PostAsync("/account/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/scores")).StatusCode);
        Assert.Contains(await AuditAsync(), e => e.Action == AuditActions.SignOut && e.Actor == "ana@example.com");
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        var contexts = _portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.AuditEntries.ToListAsync();
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
