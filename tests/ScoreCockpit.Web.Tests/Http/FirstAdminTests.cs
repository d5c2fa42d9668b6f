using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Http;

/// <summary>The one-time set-up page of an empty store.</summary>
public sealed class FirstAdminTests : IAsyncDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task An_empty_store_sends_sign_in_to_the_set_up_page()
    {
        var response = await new PortalClient(_portal).GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/setup", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creates_an_admin_and_analyst_then_closes_for_good()
    {
        var client = new PortalClient(_portal);
        var created = await PostAsync(client, "boss@example.com", "Cockpit2026ok", "Cockpit2026ok");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("/account/signin?created=boss%40example.com", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var roles = await RolesOfAsync("boss@example.com");
        Assert.Equal([Roles.Admin, Roles.Analyst], roles.Order(StringComparer.Ordinal));

        // Once an account exists, the page sends people to sign-in and a forged post creates nobody.
        var again = await client.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.EndsWith("/account/signin", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode);
        var handler = _portal.Services.GetRequiredService<CreateFirstAdminHandler>();
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            handler.HandleAsync(new CreateFirstAdmin("intruder@example.com", "Cockpit2026ok", "Cockpit2026ok")));
        Assert.Empty(await RolesOfAsync("intruder@example.com"));
    }

    [Theory]
    [InlineData("boss@example.com", "short1A", "short1A", "at least 10 characters")]
    [InlineData("boss@example.com", "alllowercase2026", "alllowercase2026", "uppercase")]
    [InlineData("boss@example.com", "Cockpit2026ok", "Cockpit2026no", "The two passwords do not match.")]
    [InlineData("not-an-email", "Cockpit2026ok", "Cockpit2026ok", "does not look like an email address")]
    public async Task Bad_input_is_named_and_creates_nothing(string email, string password, string confirm, string message)
    {
        var response = await PostAsync(new PortalClient(_portal), email, password, confirm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.Empty(await RolesOfAsync(email));
    }

    private static Task<HttpResponseMessage> PostAsync(PortalClient client, string email, string password, string confirm) =>
        client.PostFormAsync("/setup", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm,
        });

    private async Task<IList<string>> RolesOfAsync(string email)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is null ? [] : await users.GetRolesAsync(user);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
