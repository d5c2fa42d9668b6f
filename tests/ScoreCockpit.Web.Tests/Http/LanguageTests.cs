using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Http;

/// <summary>The language a person picks in the user menu is kept with the account and follows them to any browser.</summary>
public sealed class LanguageTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private const string CultureCookie = ".AspNetCore.Culture";
    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync() => await _portal.AddUserAsync("ana@example.com", Password, Roles.Analyst);

    [Fact]
    public async Task French_chosen_in_the_menu_is_kept_with_the_account_and_applies_after_the_next_sign_in()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("ana@example.com", Password);
        Assert.Equal("en", await LanguageOfAsync(client, "/runs"));

        var chosen = await ChooseAsync(client, "fr", "/runs");

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.EndsWith("/runs", chosen.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CultureCookie + "=c%3Dfr-FR%7Cuic%3Dfr-FR", StringComparison.Ordinal));
        Assert.Equal("fr", await LanguageOfAsync(client, "/runs"));
        Assert.Contains("Vue d'ensemble", await TextOfAsync(client, "/runs"), StringComparison.Ordinal);
        Assert.Equal("fr", (await AccountAsync()).Language);

        // Another browser, with no cookie and an English browser language: the account's choice wins after sign-in.
        var elsewhere = new PortalClient(_portal);
        elsewhere.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        await elsewhere.SignInOrFailAsync("ana@example.com", Password);
        Assert.Equal("fr", await LanguageOfAsync(elsewhere, "/runs"));
    }

    [Fact]
    public async Task The_browser_language_applies_until_a_choice_and_again_after_choosing_the_browser()
    {
        var client = new PortalClient(_portal);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-BE,fr;q=0.9");
        await client.SignInOrFailAsync("ana@example.com", Password);
        Assert.Equal("fr", await LanguageOfAsync(client, "/runs"));

        await ChooseAsync(client, "en", "/runs");
        Assert.Equal("en", await LanguageOfAsync(client, "/runs"));

        var reset = await ChooseAsync(client, "browser", "/runs");
        Assert.Contains(reset.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CultureCookie + "=;", StringComparison.Ordinal));
        Assert.Equal("fr", await LanguageOfAsync(client, "/runs"));
        Assert.Null((await AccountAsync()).Language);
    }

    [Fact]
    public async Task A_forged_or_unknown_language_is_refused_and_nothing_is_stored()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("ana@example.com", Password);

        var forged = await client.Http.PostAsync("/account/language",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "fr" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var unknown = await ChooseAsync(client, "de", "/runs");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("en (English), fr (français)", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await AccountAsync()).Language);
    }

    private static async Task<HttpResponseMessage> ChooseAsync(PortalClient client, string language, string returnUrl)
    {
        // The menu renders its form only when opened; any page of the session yields a valid token.
        var token = PortalClient.Hidden(await client.Http.GetStringAsync("/account/signin"), "__RequestVerificationToken");
        return await client.Http.PostAsync("/account/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["language"] = language,
            ["returnUrl"] = returnUrl,
        }));
    }

    private static async Task<string> LanguageOfAsync(PortalClient client, string path)
    {
        var html = await client.Http.GetStringAsync(path);
        var start = html.IndexOf("<html lang=\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{path} has no <html lang>");
        start += "<html lang=\"".Length;
        return html[start..html.IndexOf('"', start)];
    }

    private static async Task<string> TextOfAsync(PortalClient client, string path) =>
        WebUtility.HtmlDecode(await client.Http.GetStringAsync(path));

    private async Task<CockpitUser> AccountAsync()
    {
        using var scope = _portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        return (await users.FindByNameAsync("ana@example.com"))!;
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
