using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Variables;

/// <summary>Everyone reads the variables; only Analysts are offered to change them.</summary>
public sealed class VariablesAccessTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("analyst@example.com", Password, Roles.Analyst);
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
        await _portal.Services.GetRequiredService<GlobalVariablesHandler>().SetAsync(
            new SetGlobalVariable("min_tenure", VariableType.Integer, "6"), Actor.Of("analyst@example.com", Roles.Analyst));
    }

    [Fact]
    public async Task A_viewer_reads_the_variables_without_any_action()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);

        var response = await client.GetAsync("/variables");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("min_tenure", html, StringComparison.Ordinal);
        Assert.Contains("date_ref_yyyymm", html, StringComparison.Ordinal);
        Assert.Contains("overrides the global one", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"variable-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"save-variable\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Remove min_tenure", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Change min_tenure", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_is_offered_to_add_change_and_remove()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("analyst@example.com", Password);

        var html = await client.Http.GetStringAsync("/variables");

        Assert.Contains("id=\"save-variable\"", html, StringComparison.Ordinal);
        Assert.Contains("Change min_tenure", html, StringComparison.Ordinal);
        Assert.Contains("Remove min_tenure", html, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
