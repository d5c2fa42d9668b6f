using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Admin;

/// <summary>Connections and settings over HTTP: Admins only, and a stored secret never reaches a page.</summary>
public sealed class AdminPagesAccessTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("admin@example.com", Password, Roles.Admin);
        await _portal.AddUserAsync("analyst@example.com", Password, Roles.Analyst);
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
    }

    [Theory]
    [InlineData("viewer@example.com", "/admin/connections")]
    [InlineData("viewer@example.com", "/admin/settings")]
    [InlineData("analyst@example.com", "/admin/connections")]
    [InlineData("analyst@example.com", "/admin/settings")]
    public async Task Only_admins_open_connections_and_settings(string email, string path)
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync(email, Password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/connections")]
    [InlineData("/admin/settings")]
    public async Task Anonymous_requests_are_sent_to_sign_in(string path)
    {
        var response = await new PortalClient(_portal).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_connections_but_never_a_stored_connection_string()
    {
        var connections = _portal.Services.GetRequiredService<WarehouseConnections>();
        await connections.SaveAsync(
            new SaveConnection("sales_pg", WarehouseKind.Postgres, "Host=pg.sales.internal;Database=sales;Username=u;Password=Secret123"),
            Actor.Of("admin@example.com", Roles.Admin));
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("admin@example.com", Password);

        var response = await client.GetAsync("/admin/connections");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("sales_pg", html, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", html, StringComparison.Ordinal);
        Assert.Contains("built-in", html, StringComparison.Ordinal);
        Assert.Contains("id=\"save-connection\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret123", html, StringComparison.Ordinal);
        Assert.DoesNotContain("pg.sales.internal", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_upload_limit()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("admin@example.com", Password);

        var response = await client.GetAsync("/admin/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Upload limit", html, StringComparison.Ordinal);
        Assert.Contains("id=\"save-settings\"", html, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
