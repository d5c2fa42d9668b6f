using System.Net;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Versions;

/// <summary>
/// The version page over HTTP, as each role gets it prerendered. Training, activating and purging are circuit actions
/// with no HTTP endpoint of their own, so what a viewer could click is what the HTML offers.
/// </summary>
public sealed class VersionPageAccessTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private static readonly string[] ActionIds = ["id=\"train-now\"", "id=\"activate-v", "id=\"purge-open\"", "id=\"purge-confirm\"", "id=\"activation-confirm\""];
    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
        await _portal.AddUserAsync("analyst@example.com", Password, Roles.Analyst);
        await VersionSeed.ChurnAsync(_portal.Services, 2, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("viewer@example.com")]
    [InlineData("analyst@example.com")]
    public async Task The_version_page_shows_the_details_and_offers_no_action(string email)
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync(email, Password);

        var response = await client.GetAsync("/scores/churn/versions/2");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"version-facts\"", html, StringComparison.Ordinal);
        Assert.Contains("Validation AUC", html, StringComparison.Ordinal);
        Assert.Contains("identifier: not used by models", html, StringComparison.Ordinal);
        Assert.Contains("id=\"importance-plot\"", html, StringComparison.Ordinal);
        Assert.All(ActionIds, id => Assert.DoesNotContain(id, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_version_says_so_and_links_back()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);

        var html = await client.Http.GetStringAsync("/scores/churn/versions/42");

        Assert.Contains("churn has no version 42.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"scores/churn\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await new PortalClient(_portal).GetAsync("/scores/churn/versions/1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
