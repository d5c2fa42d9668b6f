using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Accounts;

/// <summary>
/// Disable, enable, unlock and change password, seen from the portal: sign-in, open sessions, the Users page. One
/// portal for the class (its tests run one after the other), each test with accounts of its own.
/// </summary>
public sealed class AccountStatusTests(ClockedPortal portal) : IClassFixture<ClockedPortal>, IAsyncLifetime
{
    private const string Password = ClockedPortal.Password;
    private const string NewPassword = "Fresh2026pass";
    private static readonly Actor Boss = Actor.Of("boss@example.com", Roles.Admin);
    private readonly ClockedPortal _portal = portal;

    public async ValueTask InitializeAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>().FindByEmailAsync("boss@example.com") is null)
        {
            await _portal.AddUserAsync("boss@example.com", Password, Roles.Admin);
        }
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_open_session_ends_within_a_minute()
    {
        await _portal.AddUserAsync("disabled@example.com", Password, Roles.Analyst);
        var open = new PortalClient(_portal);
        await open.SignInOrFailAsync("disabled@example.com", Password);

        await _portal.Get<DisableUserHandler>().HandleAsync(new DisableUser("disabled@example.com"), Boss);

        var refused = await new PortalClient(_portal).SignInAsync("disabled@example.com", Password);
        Assert.Contains("This account is disabled: ask an Admin", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Without its password, nobody learns that the account exists and is disabled.
        var guessed = await new PortalClient(_portal).SignInAsync("disabled@example.com", "Wrong2026password");
        Assert.Contains("Wrong email or password", await guessed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _portal.Time.Advance(TimeSpan.FromSeconds(61));
        var ended = await open.GetAsync("/scores");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/account/signin", ended.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        await _portal.Get<EnableUserHandler>().HandleAsync(new EnableUser("disabled@example.com"), Boss);
        await new PortalClient(_portal).SignInOrFailAsync("disabled@example.com", Password);
    }

    [Fact]
    public async Task Unlock_lets_a_locked_out_person_sign_in_at_once()
    {
        await _portal.AddUserAsync("locked@example.com", Password, Roles.Analyst);
        var client = new PortalClient(_portal);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.SignInAsync("locked@example.com", "Wrong2026password");
        }

        Assert.Contains("locked", await (await client.SignInAsync("locked@example.com", Password)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await _portal.Get<UnlockUserHandler>().HandleAsync(new UnlockUser("locked@example.com"), Boss);

        await client.SignInOrFailAsync("locked@example.com", Password);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        await _portal.AddUserAsync("changer@example.com", Password, Roles.Analyst);
        var other = new PortalClient(_portal);
        await other.SignInOrFailAsync("changer@example.com", Password);
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("changer@example.com", Password);

        var wrong = await client.PostFormAsync("/account/password", ChangeFields("Wrong2026password", NewPassword));
        Assert.Contains("The current password is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await client.PostFormAsync("/account/password", ChangeFields(Password, NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("changed=true", changed.Headers.Location!.OriginalString, StringComparison.Ordinal);

        _portal.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scores")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/scores")).StatusCode);
        Assert.Contains("Wrong email or password",
            await (await new PortalClient(_portal).SignInAsync("changer@example.com", Password)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await new PortalClient(_portal).SignInOrFailAsync("changer@example.com", NewPassword);
    }

    [Fact]
    public async Task The_users_page_shows_each_status_with_its_action()
    {
        await _portal.AddUserAsync("active@example.com", Password, Roles.Viewer);
        await _portal.AddUserAsync("gone@example.com", Password, Roles.Viewer);
        await _portal.Get<DisableUserHandler>().HandleAsync(new DisableUser("gone@example.com"), Boss);
        var admin = new PortalClient(_portal);
        await admin.SignInOrFailAsync("boss@example.com", Password);

        var page = await admin.Http.GetStringAsync("/admin/users");

        Assert.Contains("aria-label=\"Enable gone@example.com\"", page, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Disable active@example.com\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Disable gone@example.com\"", page, StringComparison.Ordinal);
        Assert.Contains(">Disabled<", page, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ChangeFields(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
