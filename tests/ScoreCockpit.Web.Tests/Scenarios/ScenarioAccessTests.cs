using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scenarios;

/// <summary>Everyone reads scenarios and runs; only Analysts are offered to create, run, edit or delete.</summary>
public sealed class ScenarioAccessTests : IAsyncLifetime
{
    private const string Password = "Portal2026ok";
    private const string Definition = """
        {
          "steps": [ { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "today" } ] } ],
          "triggers": [ { "type": "weekly", "days": ["wednesday"], "time": "11:40" } ]
        }
        """;

    private static readonly string[] AnalystControls = ["id=\"new-scenario\"", "id=\"run-now\"", "id=\"edit-scenario\"", "id=\"delete-scenario\""];

    private readonly PortalFactory _portal = new();

    public async ValueTask InitializeAsync()
    {
        await _portal.AddUserAsync("analyst@example.com", Password, Roles.Analyst);
        await _portal.AddUserAsync("viewer@example.com", Password, Roles.Viewer);
        await _portal.Services.GetRequiredService<SaveScenarioHandler>().HandleAsync(
            new SaveScenario("weekly-dates", null, Definition), Actor.Of("analyst@example.com", Roles.Analyst), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_viewer_reads_scenarios_and_runs_without_any_action()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("viewer@example.com", Password);

        var html = await client.Http.GetStringAsync("/scenarios") + await client.Http.GetStringAsync("/scenarios/weekly-dates");

        Assert.Contains("Wednesdays at 11:40 (Europe/Paris)", html, StringComparison.Ordinal);
        Assert.Contains("id=\"next-fires\"", html, StringComparison.Ordinal);
        Assert.All(AnalystControls, control => Assert.DoesNotContain(control, html, StringComparison.Ordinal));
        Assert.Contains("id=\"runs-table\"", await client.Http.GetStringAsync("/runs"), StringComparison.Ordinal);
        var editor = await client.GetAsync("/scenarios/weekly-dates/edit");
        Assert.DoesNotContain("id=\"scenario-json\"", await editor.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_is_offered_to_create_run_edit_and_delete()
    {
        var client = new PortalClient(_portal);
        await client.SignInOrFailAsync("analyst@example.com", Password);

        var html = await client.Http.GetStringAsync("/scenarios") + await client.Http.GetStringAsync("/scenarios/weekly-dates");

        Assert.All(AnalystControls, control => Assert.Contains(control, html, StringComparison.Ordinal));
        Assert.Contains("id=\"scenario-json\"", await client.Http.GetStringAsync("/scenarios/new"), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
