using Bunit;
using Plotly.Blazor;
using ScoreCockpit.Web.Components.Pages.Scores.Scoring;
using Xunit;

namespace ScoreCockpit.Web.Tests.Components;

/// <summary>
/// The "drawn" signal every chart publishes: false from the render that asks for a drawing until the page reports that
/// Plotly finished that very drawing. Browser journeys wait for it (BrowserFixture.ChartDrawnAsync) instead of a timer.
/// </summary>
public sealed class ScoringChartTests : BunitContext
{
    private const string Module = "./Components/Pages/Scores/Scoring/ScoringChart.razor.js";

    private readonly BunitJSModuleInterop _module;

    public ScoringChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        _module = JSInterop.SetupModule(Module);
        _module.SetupVoid("watch", _ => true).SetVoidResult();
        _module.SetupVoid("plotlyReady").SetVoidResult();
    }

    private static (IList<ITrace>, Layout) Build(bool dark) => ([], new Layout());

    private IRenderedComponent<ScoringChart> RenderChart(object data) => Render<ScoringChart>(p => p
        .Add(c => c.Id, "test-chart")
        .Add(c => c.Data, data)
        .Add(c => c.Build, Build));

    private static string Drawn(IRenderedComponent<ScoringChart> chart) => chart.Find("#test-chart").GetAttribute("data-drawn")!;

    private static string PlotId(IRenderedComponent<ScoringChart> chart) =>
        chart.WaitForElement("#test-chart [id^='test-chart-plot-']").Id!;

    [Fact]
    public async Task The_chart_is_marked_drawn_only_when_the_page_reports_its_current_drawing_finished()
    {
        var chart = RenderChart(new object());

        // The box is watched before plotly.js is even asked for, so no finished drawing can go unheard.
        var calls = _module.Invocations.Select(i => i.Identifier).ToList();
        Assert.True(calls.IndexOf("watch") is >= 0 and var watch && watch < calls.IndexOf("plotlyReady"), string.Join(", ", calls));
        var plot = PlotId(chart);
        Assert.Equal("false", Drawn(chart));

        await chart.InvokeAsync(() => chart.Instance.Drawn(plot));
        Assert.Equal("true", Drawn(chart));
    }

    [Fact]
    public async Task New_data_resets_the_signal_and_a_late_report_of_the_replaced_drawing_does_not_set_it()
    {
        var chart = RenderChart(new object());
        var first = PlotId(chart);
        await chart.InvokeAsync(() => chart.Instance.Drawn(first));
        Assert.Equal("true", Drawn(chart));

        chart.Render(p => p.Add(c => c.Data, new object()));
        var second = PlotId(chart);
        Assert.NotEqual(first, second);
        Assert.Equal("false", Drawn(chart));

        await chart.InvokeAsync(() => chart.Instance.Drawn(first));
        Assert.Equal("false", Drawn(chart));

        await chart.InvokeAsync(() => chart.Instance.Drawn(second));
        Assert.Equal("true", Drawn(chart));
    }
}
