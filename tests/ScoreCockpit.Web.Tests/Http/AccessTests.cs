using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Http;

/// <summary>Who may open what, checked over HTTP against the real portal.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private readonly PortalFactory _portal = new();

    public static TheoryData<string> ProtectedPages =>
        ["/", "/scores", "/scores/new", "/scores/churn", "/scores/churn/definition.json", "/variables", "/data/import", "/scenarios",
            "/runs", "/quality", "/admin/users", "/admin/audit", "/account/access-denied"];

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("admin@example.com", Password, Roles.Admin);
        await _portal.AddUserAsync("analyst@example.com", Password, Roles.Analyst);
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task Anonymous_requests_are_sent_to_sign_in(string path)
    {
        var response = await new PortalClient(_portal).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    [InlineData("/scores/new")]
    [InlineData("/scores/churn/edit")]
    [InlineData("/data/import")]
    public async Task A_viewer_is_refused_admin_pages_and_analyst_actions(string path)
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_reads_the_overview_and_the_scores()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);

        foreach (var path in new[] { "/", "/scores" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The analyst action is not even offered.
        Assert.DoesNotContain("id=\"new-score\"", await client.Http.GetStringAsync("/scores"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_may_create_scores_but_not_manage_users()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("analyst@example.com", Password);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scores/new")).StatusCode);
        Assert.Contains("id=\"new-score\"", await client.Http.GetStringAsync("/scores"), StringComparison.Ordinal);
        var users = await client.GetAsync("/admin/users");
        Assert.StartsWith("/account/access-denied", users.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_opens_users_and_the_audit_log()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("admin@example.com", Password);

        var users = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("viewer@example.com", await users.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task Brand_assets_and_styles_are_served_to_anonymous_visitors()
    {
        var client = new PortalClient(_portal);

        var logo = await client.GetAsync("/brand/logo.svg");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/svg+xml", logo.Content.Headers.ContentType?.MediaType);

        var signIn = await client.Http.GetStringAsync("/account/signin");
        var css = System.Text.RegularExpressions.Regex.Match(signIn, "href=\"(_content/MudBlazor/[^\"]+\\.css)\"").Groups[1].Value;
        Assert.NotEmpty(css);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + css)).StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_a_score_and_downloads_its_definition_but_is_offered_no_change()
    {
        await _portal.Services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = "churn",
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned",
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
        }), Actor.System);
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);

        var page = await client.Http.GetStringAsync("/scores/churn");
        Assert.Contains("churn", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"edit-score\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"build-snapshot\"", page, StringComparison.Ordinal);

        var file = await client.GetAsync("/scores/churn/definition.json");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/json", file.Content.Headers.ContentType?.MediaType);
        var definition = ScoreDefinitionJson.Read(await file.Content.ReadAsStringAsync());
        Assert.Equal("customer_id", definition.KeyColumn);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scores/nope/definition.json")).StatusCode);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
