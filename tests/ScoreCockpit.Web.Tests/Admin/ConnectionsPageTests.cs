using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Accounts;
using Xunit;
using ConnectionsPage = ScoreCockpit.Web.Components.Pages.Admin.Connections;

namespace ScoreCockpit.Web.Tests.Admin;

/// <summary>The connections page over the real engine and store of a test portal.</summary>
public sealed class ConnectionsPageTests : BunitContext
{
    private const string Secret = "Secret123";
    private readonly PortalFactory _portal = new();

    public ConnectionsPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<WarehouseConnections>());
        Services.AddScoped<CurrentActor>();
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles(Roles.Admin);
    }

    [Fact]
    public async Task A_new_connection_is_listed_tested_and_edited_without_its_secret_ever_shown()
    {
        var page = Render<ConnectionsPage>();
        page.WaitForAssertion(() => Assert.Contains("built-in", page.Markup, StringComparison.Ordinal));

        page.Find("#connection-name").Change("sales_pg");
        page.Find("#connection-string").Change($"Host=127.0.0.1;Port=1;Database=sales;Username=u;Password={Secret};Timeout=3");
        page.Find("#save-connection").Click();

        page.WaitForAssertion(() => Assert.Contains("PostgreSQL", page.Find("#connections-table").TextContent, StringComparison.Ordinal));
        Assert.Contains("sales_pg", page.Find("#connections-table").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, page.Markup, StringComparison.Ordinal);

        page.Find("#test-sales_pg").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#test-result-sales_pg")), TimeSpan.FromSeconds(30));
        var result = page.Find("#test-result-sales_pg");
        Assert.Contains("Cannot connect to the warehouse sales_pg", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("error", result.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, page.Markup, StringComparison.Ordinal);

        // Editing offers to keep the stored string; saving with the field empty keeps it.
        page.Find("button[aria-label='Change sales_pg']").Click();
        page.WaitForAssertion(() => Assert.Contains("Leave empty to keep the stored one", page.Markup, StringComparison.Ordinal));
        Assert.True(page.Find("#connection-name").HasAttribute("disabled"));
        Assert.True(string.IsNullOrEmpty(page.Find("#connection-string").GetAttribute("value")));
        page.Find("#save-connection").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#cancel-connection")));
        Assert.Empty(page.FindAll("#connection-error"));

        var stored = await _portal.Services.GetRequiredService<WarehouseConnections>().ResolveAsync("sales_pg");
        Assert.Contains(Secret, stored.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_demo_can_be_tested_but_not_changed_or_removed()
    {
        var page = Render<ConnectionsPage>();
        page.WaitForAssertion(() => Assert.Contains("built-in", page.Markup, StringComparison.Ordinal));

        Assert.Empty(page.FindAll("button[aria-label='Change demo']"));
        Assert.Empty(page.FindAll("button[aria-label='Remove demo']"));

        page.Find("#test-demo").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#test-result-demo")), TimeSpan.FromSeconds(30));
        Assert.Contains("Connected to demo", page.Find("#test-result-demo").TextContent, StringComparison.Ordinal);
        Assert.Contains("success", page.Find("#test-result-demo").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_connection_without_a_connection_string_is_refused_with_a_message()
    {
        var page = Render<ConnectionsPage>();
        page.WaitForAssertion(() => Assert.Contains("built-in", page.Markup, StringComparison.Ordinal));

        page.Find("#connection-name").Change("crm");
        page.Find("#save-connection").Click();

        page.WaitForAssertion(() => Assert.Contains("Give the connection string of 'crm'",
            page.Find("#connection-error").TextContent, StringComparison.Ordinal));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _portal.Dispose();
        }
    }
}
