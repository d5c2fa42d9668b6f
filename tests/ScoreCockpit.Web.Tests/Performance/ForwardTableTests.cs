using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Web.Components.Pages.Scores.Performance;
using Xunit;
using static ScoreCockpit.Web.Tests.Performance.PerformanceSamples;

namespace ScoreCockpit.Web.Tests.Performance;

/// <summary>The forward-performance table: rows built by the engine's rule, intervals in brackets, thin dates greyed, the download link.</summary>
public sealed class ForwardTableTests : BunitContext
{
    public ForwardTableTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
    }

    private static ForwardPerformanceTable Sample()
    {
        var thinDate = Date.AddMonths(-1);
        EvaluationView[] earlier = [Evaluation(1, 0.70111), Evaluation(2, 0.9, inSample: true)];
        foreach (var view in earlier)
        {
            (view.Evaluation.EvaluationDate, view.Evaluation.Thin, view.Evaluation.Rows) = (thinDate, true, 30);
        }

        return new ForwardPerformanceTable("churn", 10m,
        [
            ForwardPerformanceRule.Row(thinDate, (1, ChosenBy.AsOf), earlier, 10m),
            ForwardPerformanceRule.Row(Date, (1, ChosenBy.Active), [Evaluation(1, 0.71234), Evaluation(2, 0.7456, challenger: "logistic")], 10m),
        ]);
    }

    [Fact]
    public void Rows_come_newest_first_with_intervals_the_best_other_version_and_thin_dates_greyed()
    {
        var table = Render<ForwardTable>(p => p.Add(c => c.Score, "churn").Add(c => c.Table, Sample()));

        var rows = table.FindAll("#forward-table tbody tr");
        Assert.Equal(2, rows.Count);
        var latest = rows[0];
        Assert.Contains("2026-01-31", latest.TextContent, StringComparison.Ordinal);
        Assert.Equal("0.712 (0.69–0.73)", latest.QuerySelector(".forward-auc")!.TextContent.Trim());
        Assert.Equal("2.46", latest.QuerySelector(".forward-lift")!.TextContent.Trim());
        Assert.Contains("v2 (logistic), forward", latest.TextContent, StringComparison.Ordinal);
        Assert.Contains("−0.033", latest.TextContent, StringComparison.Ordinal);
        Assert.Contains("active", latest.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("thin-row", latest.ClassName ?? "", StringComparison.Ordinal);

        var thin = rows[1];
        Assert.Contains("thin-row", thin.ClassName, StringComparison.Ordinal);
        Assert.Contains("by as-of date", thin.TextContent, StringComparison.Ordinal);
        Assert.Contains("v2, in-sample", thin.TextContent, StringComparison.Ordinal);
        Assert.Contains("thin", thin.QuerySelector(".mud-chip")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Each month scored by the version trained before it", table.Find("#forward-caption").TextContent, StringComparison.Ordinal);
        Assert.Equal("/scores/churn/forward.xlsx", table.Find("a#forward-download").GetAttribute("href"));
    }

    [Fact]
    public void A_score_without_evaluations_says_so_and_still_offers_the_download()
    {
        var table = Render<ForwardTable>(p => p.Add(c => c.Score, "renewal plan").Add(c => c.Table, new ForwardPerformanceTable("renewal plan", 10m, [])));

        Assert.Contains("No evaluation yet", table.Find("#forward-empty").TextContent, StringComparison.Ordinal);
        Assert.Equal("/scores/renewal%20plan/forward.xlsx", table.Find("a#forward-download").GetAttribute("href"));
    }
}
