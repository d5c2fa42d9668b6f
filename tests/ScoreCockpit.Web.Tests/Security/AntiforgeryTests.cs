using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Security;

/// <summary>
/// Every endpoint that accepts POST, PUT, PATCH or DELETE is found in the portal's own endpoint list, so one added
/// later is covered: without an antiforgery token it refuses even an Admin and changes nothing; with a valid token a
/// Viewer is refused the ones that change what Viewers may not change. The bearer-only API refuses a cookie.
/// </summary>
public sealed partial class AntiforgeryTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";

    /// <summary>Route → why any signed-in person (a Viewer too) may post to it.</summary>
    private static readonly Dictionary<string, string> AnyoneSignedIn = new(StringComparer.Ordinal)
    {
        ["/account/signout"] = "everyone may sign themselves out",
        ["/account/language"] = "everyone chooses their own language",
        ["/account/signin"] = "anonymous: signing in",
        ["/setup"] = "anonymous: the first Admin of an empty install; refused once one exists",
        ["/not-found"] = "shows a message, changes nothing",
        ["/error"] = "shows a message, changes nothing",
        ["/account/access-denied"] = "shows a message, changes nothing",
        ["/account/company/refused/{Reason}"] = "shows why a company sign-in was refused, changes nothing",
        ["/account/forgot"] = "anonymous: asks for a reset mail, answering the same whoever asks",
        ["/account/reset"] = "anonymous: the mailed one-time token is the authority, not a role",
        ["/account/password"] = "everyone changes their own password, after giving the current one",
        ["/account/tokens"] = "everyone manages their own tokens; the token handlers check the owner and the run scope's role",
        ["/"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/scores"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/scores/{Name}"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/scores/{Name}/compare"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/scores/{Name}/versions/{Number:int}"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/scenarios"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/scenarios/{Name}"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/runs"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/runs/{Id:long}"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/quality"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
        ["/variables"] = "a read page; its actions call engine handlers, which refuse a Viewer (HandlerRoleTests)",
    };

    private static readonly string[] Changing = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("admin@example.com", Password, Roles.Admin, Roles.Analyst);
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
    }

    private List<(string Route, string Method)> ChangingEndpoints(Func<string, bool> which)
    {
        _portal.CreateClient().Dispose();
        return [.. _portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => Changing.Contains(m, StringComparer.OrdinalIgnoreCase))
                .Select(m => (Route: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Method: m)))
            .Where(e => which(e.Route))
            .Distinct()
            .OrderBy(e => e.Route, StringComparer.Ordinal)];
    }

    private static bool IsApi(string route) => route.StartsWith("/api/", StringComparison.Ordinal);

    [Fact]
    public async Task Without_a_token_every_changing_endpoint_refuses_an_admin_and_changes_nothing()
    {
        var endpoints = ChangingEndpoints(r => !IsApi(r));
        Assert.Contains(("/account/signout", HttpMethods.Post), endpoints);
        Assert.True(endpoints.Count >= 20, $"Only {endpoints.Count} changing endpoints found: the search is broken.");
        var admin = new PortalClient(_portal);
        await admin.SignInOrFailAsync("admin@example.com", Password);
        var before = await _portal.RowCountsAsync();

        var accepted = new List<string>();
        foreach (var (route, method) in endpoints)
        {
            var response = await SendAsync(admin, method, route, token: null);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{method} {route}: {(int)response.StatusCode}");
            }
        }

        Assert.True(accepted.Count == 0, "Accepted without an antiforgery token:\n" + string.Join("\n", accepted));
        Assert.Equal(before, await _portal.RowCountsAsync());
        // Still signed in: the refused sign-out did not sign the Admin out.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task With_a_valid_token_a_viewer_is_refused_every_endpoint_not_open_to_everyone()
    {
        var endpoints = ChangingEndpoints(r => !IsApi(r) && !AnyoneSignedIn.ContainsKey(r));
        Assert.NotEmpty(endpoints);
        var viewer = new PortalClient(_portal);
        await viewer.SignInOrFailAsync("viewer@example.com", Password);
        // The sign-in form renders for a signed-in person too, with a token bound to that person.
        var token = PortalClient.Hidden(await viewer.Http.GetStringAsync("/account/signin"), "__RequestVerificationToken");
        var before = await _portal.RowCountsAsync();

        var allowed = new List<string>();
        foreach (var (route, method) in endpoints)
        {
            var response = await SendAsync(viewer, method, route, token);
            var denied = response.StatusCode == HttpStatusCode.Forbidden
                || response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal);
            if (!denied)
            {
                allowed.Add($"{method} {route}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(allowed.Count == 0, "A Viewer with a valid token was not refused (refuse it, or list the route in AnyoneSignedIn "
            + "with the reason):\n" + string.Join("\n", allowed));
        Assert.Equal(before, await _portal.RowCountsAsync());
    }

    [Fact]
    public async Task The_bearer_only_api_refuses_a_signed_in_cookie_with_401()
    {
        var endpoints = ChangingEndpoints(IsApi);
        var admin = new PortalClient(_portal);
        await admin.SignInOrFailAsync("admin@example.com", Password);
        var before = await _portal.RowCountsAsync();

        foreach (var (route, method) in endpoints)
        {
            // As an API client sends it (JSON): the cookie alone must not authenticate.
            using var json = new HttpRequestMessage(new HttpMethod(method), Concrete(route))
            {
                Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            };
            var response = await admin.Http.SendAsync(json, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
                $"{method} {route} with the portal's cookie: {(int)response.StatusCode}, not 401: {await response.Content.ReadAsStringAsync()}");

            // As another site's form would send it: the API takes no form, so the post never reaches it.
            var form = await SendAsync(admin, method, route, token: null);
            Assert.False(form.IsSuccessStatusCode, $"{method} {route} accepted a form post with the portal's cookie: {(int)form.StatusCode}");
        }

        Assert.Equal(before, await _portal.RowCountsAsync());
    }

    [Fact]
    public void The_allow_list_names_only_existing_routes()
    {
        var routes = ChangingEndpoints(_ => true).Select(e => e.Route).ToHashSet(StringComparer.Ordinal);
        Assert.All(AnyoneSignedIn.Keys, r => Assert.Contains(r, routes));
    }

    private static async Task<HttpResponseMessage> SendAsync(PortalClient client, string method, string route, string? token)
    {
        var fields = new Dictionary<string, string> { ["_handler"] = "probe", ["Input.Email"] = "x@example.com", ["language"] = "fr" };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(route)) { Content = new FormUrlEncodedContent(fields) };
        return await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A path for a route template: numbers for numeric parameters, a name for the others.</summary>
    private static string Concrete(string route) =>
        Parameter().Replace(route, m => m.Groups[2].Value is "int" or "long" ? "1" : "churn");

    [GeneratedRegex(@"\{\*?([A-Za-z_]+)(?::([a-z]+))?[^}]*\}")]
    private static partial Regex Parameter();

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
