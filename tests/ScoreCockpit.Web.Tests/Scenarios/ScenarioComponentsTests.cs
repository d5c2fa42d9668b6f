using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Web.Components.Pages.Runs;
using ScoreCockpit.Web.Components.Pages.Scenarios;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scenarios;

/// <summary>The pieces the Scenarios and Runs pages are made of, rendered alone.</summary>
public sealed class ScenarioComponentsTests : BunitContext
{
    public ScenarioComponentsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
    }

    [Fact]
    public void Every_run_status_reads_as_a_word_with_its_own_icon()
    {
        var chips = Enum.GetValues<RunStatus>().Select(status => Render<ScenarioRunChip>(p => p.Add(c => c.Status, status))).ToList();

        Assert.Equal(["running", "succeeded", "failed", "interrupted", "skipped"], chips.Select(c => c.Find(".run-status").TextContent.Trim()));
        Assert.Equal(["running", "succeeded", "failed", "interrupted", "skipped"], chips.Select(c => c.Find(".run-status").GetAttribute("data-status")));
        // Colour is never the only signal: each status has a different icon shape.
        Assert.Equal(5, chips.Select(c => c.Find("svg").InnerHtml).Distinct().Count());
    }

    [Fact]
    public void Steps_read_in_order_with_their_rule_condition_settings_and_sql()
    {
        var definition = ScenarioJson.Read("""
            {
              "steps": [
                { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ] },
                { "type": "run-sql", "name": "dataprep", "sql": "DELETE FROM usage\nWHERE month = ${date_ref}" },
                { "type": "score", "name": "score", "runIf": "condition", "condition": "output('dataprep', 'rows') > 100" },
                { "type": "send-message", "name": "alert", "runIf": "failure", "to": ["ops@example.com"], "subject": "failed" }
              ]
            }
            """);

        var steps = Render<ScenarioSteps>(p => p.Add(c => c.Steps, definition.Steps));

        Assert.Equal(["dates", "dataprep", "score", "alert"], steps.FindAll("#scenario-steps > li").Select(li => li.GetAttribute("data-step")));
        Assert.Equal("output('dataprep', 'rows') > 100", steps.Find("li[data-step=score] .step-condition").TextContent);
        Assert.Contains("only if a step before failed", steps.Find("li[data-step=alert] .step-run-if").TextContent, StringComparison.Ordinal);
        Assert.Contains("last day of previous month (date)", steps.Find("li[data-step=dates] .step-settings").TextContent, StringComparison.Ordinal);
        Assert.Contains("${date_ref}", steps.Find("li[data-step=score] .step-settings").TextContent, StringComparison.Ordinal);
        Assert.Contains("ops@example.com", steps.Find("li[data-step=alert] .step-settings").TextContent, StringComparison.Ordinal);
        var sql = steps.Find("li[data-step=dataprep] details.step-sql");
        Assert.Null(sql.GetAttribute("open"));
        Assert.Contains("SQL (2 lines)", sql.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("DELETE FROM usage\nWHERE month = ${date_ref}", sql.QuerySelector("pre")!.TextContent);
        Assert.Single(steps.FindAll("details.step-sql"));
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(400, "< 1 s")]
    [InlineData(12_300, "12 s")]
    [InlineData(72_000, "1 min 12 s")]
    [InlineData(7_500_000, "2 h 5 min")]
    public void Durations_read_as_people_say_them(long milliseconds, string expected) => Assert.Equal(expected, RunText.Duration(milliseconds));

    [Fact]
    public void Next_runs_get_a_relative_hint()
    {
        var now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal("in 3 days", RunText.Relative(new DateTime(2026, 11, 28, 11, 40, 0, DateTimeKind.Utc), now));
        Assert.Equal("in 1 day", RunText.Relative(new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc), now));
        Assert.Equal("in 2 h", RunText.Relative(new DateTime(2026, 11, 25, 12, 30, 0, DateTimeKind.Utc), now));
        Assert.Equal("5 min ago", RunText.Relative(new DateTime(2026, 11, 25, 9, 55, 0, DateTimeKind.Utc), now));
    }

    [Fact]
    public void Run_variables_are_typed_like_the_command_line_and_a_bad_line_is_named()
    {
        var variables = RunText.ParseVariables("date_ref=2026-02-28\n min_rows = 100 \nrate=0.25\nlabel=spring");

        Assert.Equal(["Date", "Integer", "Decimal", "Text"], variables.Select(v => v.Type.ToString()));
        Assert.Equal("100", variables[1].Value);
        var error = Assert.Throws<ScoreCockpit.Engine.Accounts.CockpitValidationException>(() => RunText.ParseVariables("date_ref 2026-02-28"));
        Assert.Contains("'date_ref 2026-02-28' is not NAME=VALUE", error.Message, StringComparison.Ordinal);
    }
}
