using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Components.Pages.Runs;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scenarios;

/// <summary>A run's page (RunDetail) over the real store of a test portal: header, variables, and each step with its outputs and log.</summary>
public sealed class RunDetailTests : BunitContext
{
    private readonly PortalFactory _portal = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public RunDetailTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<RunQueries>());
        AddAuthorization().SetAuthorized("vic@example.com").SetRoles(Roles.Viewer);
    }

    /// <summary>A failed run: the snapshot was built, scoring failed, the message step was skipped.</summary>
    private async Task<long> SeedFailedRunAsync()
    {
        await _portal.Services.GetRequiredService<SaveScenarioHandler>().HandleAsync(new SaveScenario("nightly", null, """
            { "steps": [ { "type": "set-variables", "name": "dates", "variables": [] } ], "triggers": [ { "type": "manual" } ] }
            """), Actor.Of("ana@example.com", Roles.Analyst), Ct);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        var scenario = await db.Scenarios.SingleAsync(Ct);
        var started = new DateTime(2026, 3, 14, 6, 0, 0, DateTimeKind.Utc);
        var run = new ScenarioRun
        {
            ScenarioId = scenario.Id,
            ScenarioName = scenario.Name,
            Status = RunStatus.Failed,
            Trigger = "weekly: Wednesdays at 11:40 (Europe/Paris)",
            StartedBy = "scheduler",
            AsOf = new DateOnly(2026, 3, 14),
            StartedAt = started,
            FinishedAt = started.AddSeconds(72),
            DurationMs = 72_000,
            Owner = "gone:1",
            FailedStep = "score",
            Failure = "No active version of churn: activate one first.",
            VariablesJson = """{"date_ref": {"kind": "date", "value": "2026-02-28"}}""",
            Steps =
            [
                new() { Position = 0, Name = "snapshot", Type = "build-snapshot", Status = StepStatus.Succeeded, StartedAt = started, DurationMs = 12_300,
                    Log = "06:00:01 Building churn for 2026-02-28\n06:00:13 3000 rows", OutputsJson = """{"rows": {"kind": "number", "value": "3000"}}""" },
                new() { Position = 1, Name = "score", Type = "score", Status = StepStatus.Failed, StartedAt = started.AddSeconds(13), DurationMs = 500,
                    Message = "No active version of churn: activate one first." },
                new() { Position = 2, Name = "notify", Type = "send-message", Status = StepStatus.Skipped, Message = "A step before it failed." },
            ],
        };
        db.ScenarioRuns.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }

    [Fact]
    public async Task A_failed_run_shows_each_step_with_outputs_log_and_why_the_rest_did_not_run()
    {
        var id = await SeedFailedRunAsync();

        var page = Render<RunDetail>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#run-steps")));

        Assert.Equal("failed", page.Find("#run-header .run-status").TextContent.Trim());
        Assert.Equal("scenarios/nightly", page.Find("#run-scenario").GetAttribute("href"));
        Assert.Equal("1 min 12 s", page.Find("#run-duration").TextContent.Trim());
        Assert.Contains("score: No active version of churn", page.Find("#run-failure").TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-02-28", page.Find("#run-variables tr[data-name=date_ref] td:last-child").TextContent.Trim());

        var steps = page.FindAll(".run-step");
        Assert.Equal(["snapshot", "score", "notify"], steps.Select(s => s.GetAttribute("data-step")));
        Assert.Equal(["succeeded", "failed", "skipped"], page.FindAll(".run-step .step-status").Select(c => c.TextContent.Trim()));
        // The failed step is open with its reason; a skipped one says why in words.
        Assert.Contains("No active version of churn", page.Find(".run-step[data-step=score] .step-message").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_step_shows_its_typed_outputs_and_log_lines()
    {
        var id = await SeedFailedRunAsync();
        var page = Render<RunDetail>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#run-steps")));

        page.Find(".run-step[data-step=snapshot] .mud-expand-panel-header").Click();
        page.Find(".run-step[data-step=notify] .mud-expand-panel-header").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".run-step[data-step=snapshot] .step-log")));
        Assert.Equal("06:00:01 Building churn for 2026-02-28\n06:00:13 3000 rows", page.Find(".run-step[data-step=snapshot] .step-log").TextContent);
        var output = page.Find(".run-step[data-step=snapshot] tr[data-name=rows]");
        Assert.Equal(["rows", "number", "3000"], output.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("Not run. A step before it failed.", page.Find(".run-step[data-step=notify] .step-explained").TextContent.Trim());
    }

    [Fact]
    public void An_unknown_run_says_so_and_leads_back_to_the_runs()
    {
        var page = Render<RunDetail>(p => p.Add(c => c.Id, 4242L));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#run-not-found")));

        Assert.Contains("There is no run 4242.", page.Find("#run-not-found").TextContent, StringComparison.Ordinal);
        Assert.Equal("runs", page.Find("#run-not-found a").GetAttribute("href"));
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
