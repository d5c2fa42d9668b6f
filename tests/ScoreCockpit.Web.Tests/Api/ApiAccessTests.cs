using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Accounts.Tokens;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Api;

/// <summary>Who gets in: only a live token of an account that may sign in, with the scope and the role the call needs.</summary>
public sealed class ApiAccessTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_token_the_answer_is_401_problem_never_a_redirect()
    {
        var response = await api.Client().GetAsync("/api/v1/scores", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_portal_cookie_alone_does_not_authenticate_the_api()
    {
        var browser = new PortalClient(api.Portal);
        await browser.SignInOrFailAsync("author@example.com", ApiPortal.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/scenarios")).StatusCode);

        var response = await browser.GetAsync("/api/v1/scenarios");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_read_token_reads_and_cannot_run()
    {
        var (_, secret) = await api.TokenAsync(TokenScope.Read, Roles.Analyst);
        var client = api.Client(secret);

        var scenarios = await client.GetFromJsonAsync<JsonElement>("/api/v1/scenarios", Ct);
        Assert.Contains(scenarios.EnumerateArray(), s => s.GetProperty("name").GetString() == ApiPortal.Scenario);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/portfolio", Ct)).StatusCode);
        var run = await client.PostAsync($"/api/v1/scenarios/{ApiPortal.Scenario}/runs", null, Ct);

        await AssertProblemAsync(run, HttpStatusCode.Forbidden);
        await using var db = await api.StoreAsync();
        Assert.NotNull((await db.PersonalAccessTokens.SingleAsync(t => t.Prefix == TokenSecrets.PrefixOf(secret), Ct)).LastUsedAt);
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        var (email, secret) = await api.TokenAsync(TokenScope.Read, Roles.Viewer);
        var client = api.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/scores", Ct)).StatusCode);
        var mine = await api.Portal.Services.GetRequiredService<ListMyTokensHandler>().HandleAsync(Actor.Of(email, Roles.Viewer), Ct);

        await api.Portal.Services.GetRequiredService<RevokeTokenHandler>().HandleAsync(mine.Single().Id, Actor.Of(email, Roles.Viewer), Ct);

        await AssertProblemAsync(await client.GetAsync("/api/v1/scores", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var (_, secret) = await api.TokenAsync(TokenScope.Read, Roles.Viewer);
        await using (var db = await api.StoreAsync())
        {
            var hash = TokenSecrets.Hash(secret);
            await db.PersonalAccessTokens.Where(t => t.SecretHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)), Ct);
        }

        await AssertProblemAsync(await api.Client(secret).GetAsync("/api/v1/scores", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_locked_out_account_s_token_is_refused()
    {
        var (email, secret) = await api.TokenAsync(TokenScope.Read, Roles.Viewer);
        await using (var scope = api.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.MaxValue);
        }

        await AssertProblemAsync(await api.Client(secret).GetAsync("/api/v1/scores", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_run_token_of_someone_who_is_now_a_viewer_cannot_start_a_run()
    {
        var (email, secret) = await api.TokenAsync(TokenScope.Run, Roles.Analyst);
        await api.Portal.Services.GetRequiredService<ChangeUserRolesHandler>().HandleAsync(new ChangeUserRoles(email, [Roles.Viewer]), Actor.System, Ct);

        var response = await api.Client(secret).PostAsync($"/api/v1/scenarios/{ApiPortal.Scenario}/runs", null, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("Analyst", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await api.StoreAsync();
        Assert.False(await db.ScenarioRuns.AnyAsync(r => r.StartedBy == email, Ct));
    }

    [Fact]
    public async Task Creating_a_run_token_needs_the_analyst_role()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await api.Portal.AddUserAsync(email, ApiPortal.Password, Roles.Viewer);

        await Assert.ThrowsAsync<AccessDeniedException>(() => api.Portal.Services.GetRequiredService<CreateTokenHandler>().HandleAsync(
            new CreateToken("runner", TokenScope.Run), Actor.Of(email, Roles.Viewer), Ct));
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
