using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Evaluation.Comparison;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Accounts;
using ScoreCockpit.Web.Components.Pages.Scores.Compare;
using Xunit;
using static ScoreCockpit.Web.Tests.Performance.PerformanceSamples;

namespace ScoreCockpit.Web.Tests.Performance;

/// <summary>The compare page's verdicts: each version against the active one in words; only Analysts may activate.</summary>
public sealed class CompareVerdictsTests : BunitContext
{
    private readonly PortalFactory _portal = new();

    private static readonly DateComparison Comparison = new(Date, 1864, 0.05,
    [
        OnDate(2, 0.677, active: true),
        OnDate(3, 0.713, versus: new AucDifference(0.036, -0.007, 0.078, 0.02, 0.1)),
        OnDate(4, 0.6) with { Failure = "The column 'plan' changed type" },
    ]);

    public CompareVerdictsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<ActivateVersionHandler>());
        Services.AddScoped<CurrentActor>();
    }

    private IRenderedComponent<CompareVerdicts> Verdicts() =>
        Render<CompareVerdicts>(p => p.Add(c => c.Comparison, Comparison).Add(c => c.Score, "churn"));

    [Fact]
    public void A_viewer_reads_the_verdicts_but_has_no_activate_button()
    {
        AddAuthorization().SetAuthorized("vic@example.com").SetRoles(Roles.Viewer);

        var verdicts = Verdicts();

        Assert.Contains("reference", verdicts.Find("#verdict-v2").TextContent, StringComparison.Ordinal);
        Assert.Contains("no clear difference", verdicts.Find("#verdict-v3").TextContent, StringComparison.Ordinal);
        Assert.Contains("could not score", verdicts.Find("#verdict-v4").TextContent, StringComparison.Ordinal);
        Assert.Empty(verdicts.FindAll("[id^=activate-]"));
    }

    [Fact]
    public void An_analyst_may_activate_any_version_that_scored_except_the_active_one()
    {
        AddAuthorization().SetAuthorized("ana@example.com").SetRoles(Roles.Analyst);

        var verdicts = Verdicts();

        Assert.Equal(["activate-v3"], verdicts.FindAll("[id^=activate-]").Select(b => b.Id));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _portal.Dispose();
        }

        base.Dispose(disposing);
    }
}
