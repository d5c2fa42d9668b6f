using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Evaluation.Comparison;
using ScoreCockpit.Web.Components.Pages.Scores.Performance;
using Xunit;
using static ScoreCockpit.Web.Tests.Performance.PerformanceSamples;

namespace ScoreCockpit.Web.Tests.Performance;

/// <summary>Champion and challengers on one date: stored metrics, DeLong in words, in-sample rows hidden until asked for.</summary>
public sealed class ChampionTableTests : BunitContext
{
    public ChampionTableTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
    }

    private static readonly IReadOnlyList<EvaluationView> Evaluations =
        [Evaluation(1, 0.71234), Evaluation(2, 0.7456, challenger: "logistic"), Evaluation(3, 0.9876, inSample: true)];

    private static readonly DateComparison Comparison = new(Date, 1000, 0.05,
    [
        OnDate(1, 0.71234, active: true),
        OnDate(2, 0.7456, versus: new AucDifference(0.0123, 0.0041, 0.0205, 0.004, 0.002)),
    ]);

    private IRenderedComponent<ChampionTable> Table(bool showInSample, DateComparison? comparison = null, bool comparing = false) =>
        Render<ChampionTable>(p => p
            .Add(c => c.Score, "churn")
            .Add(c => c.Evaluations, Evaluations)
            .Add(c => c.Cutoffs, [10m])
            .Add(c => c.ActiveNumber, 1)
            .Add(c => c.Comparison, comparison)
            .Add(c => c.Comparing, comparing)
            .Add(c => c.ShowInSample, showInSample));

    [Fact]
    public void Metrics_have_three_decimals_lifts_two_and_the_active_row_stands_out()
    {
        var table = Table(showInSample: false, Comparison);

        var active = table.Find("#champion-v1");
        Assert.Contains("active-row", active.ClassName, StringComparison.Ordinal);
        Assert.Contains("active", active.TextContent, StringComparison.Ordinal);
        Assert.Contains("0.712 [0.692, 0.732]", active.TextContent.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("reference", active.TextContent, StringComparison.Ordinal);
        var challenger = table.Find("#champion-v2");
        Assert.Contains("2.46", challenger.TextContent, StringComparison.Ordinal);
        Assert.Contains("challenger logistic", challenger.TextContent, StringComparison.Ordinal);
        Assert.Equal("+0.012 [0.004, 0.021], better", challenger.QuerySelector(".delong")!.TextContent.Trim());
        Assert.Contains("compare?versions=1,2&to=2026-01-31", table.Find("#compare-v2").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void In_sample_rows_are_hidden_by_default_and_marked_when_shown()
    {
        Assert.Empty(Table(showInSample: false).FindAll("#champion-v3"));

        var shown = Table(showInSample: true).Find("#champion-v3");
        Assert.Contains("in-sample", shown.TextContent, StringComparison.Ordinal);
        Assert.Contains("in-sample-row", shown.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Differences_not_yet_computed_say_so()
    {
        Assert.Contains("computing", Table(false, comparing: true).Find("#champion-v2 .delong").TextContent, StringComparison.Ordinal);
        Assert.Contains("add it to the versions compared", Table(false).Find("#champion-v2 .delong").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void With_many_versions_the_compared_ones_are_listed_and_the_rest_one_click_away()
    {
        var table = Render<ChampionTable>(p => p
            .Add(c => c.Score, "churn")
            .Add(c => c.Evaluations, [.. Evaluations, Evaluation(4, 0.7)])
            .Add(c => c.ActiveNumber, 1)
            .Add(c => c.Focus, [2]));

        Assert.Equal(["champion-v2", "champion-v1"], table.FindAll("#champion-table tbody tr").Select(r => r.Id));
        Assert.Contains("1 more", table.Find("#champion-all").TextContent, StringComparison.Ordinal);

        table.Find("#champion-all").Click();
        Assert.Equal(["champion-v4", "champion-v2", "champion-v1"], table.FindAll("#champion-table tbody tr").Select(r => r.Id));
        Assert.Contains("compared versions only", table.Find("#champion-all").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_with_only_in_sample_versions_says_how_to_see_them()
    {
        var table = Render<ChampionTable>(p => p.Add(c => c.Score, "churn").Add(c => c.Evaluations, [Evaluation(3, 0.9, inSample: true)]));

        Assert.Contains("Show in-sample", table.Find("#champion-empty").TextContent, StringComparison.Ordinal);
    }
}
