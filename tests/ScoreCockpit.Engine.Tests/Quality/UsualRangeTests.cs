using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Quality;

/// <summary>
/// "Within its usual range": the value against the median of the previous reference dates. The incident month is an
/// error, and — unlike a change against the previous month — the month after it, back to normal, is not.
/// </summary>
public sealed class UsualRangeTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DatasetDefinition Extract = new() { Table = "usage_${date_ref_yyyymm}" };
    private static readonly IReadOnlyList<MetricDefinition> RowCount = [new() { Name = "row_count", Kind = MetricKind.RowCount }];

    private static readonly IReadOnlyList<CheckDefinition> Checks =
    [
        new() { Name = "usual_volume", Kind = CheckKind.UsualRange, Metric = "row_count", WarningChangePercent = 10, ErrorChangePercent = 20, History = 6 },
        new() { Name = "volumetry", Kind = CheckKind.Change, Metric = "row_count", WarningChangePercent = 10, ErrorChangePercent = 20 },
    ];

    [Fact]
    public async Task The_incident_is_out_of_the_usual_range_and_the_month_after_is_back_in_it()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await QualityWarehouse.BuildAsync(store);
        var outcomes = new Dictionary<int, Dictionary<string, CheckOutcome>>();
        for (var month = DemoStory.IncidentMonth - 4; month <= DemoStory.IncidentMonth + 1; month++)
        {
            var date = QualityWarehouse.Month(month);
            await store.Get<ComputeMetricsHandler>().ComputeAsync(new ComputeMetrics("churn", Extract, RowCount, date, QualityWarehouse.Variables(date)), Ct);
            outcomes[month] = (await store.Get<RunChecksHandler>().RunAsync(new RunChecks("churn", Checks, date, QualityWarehouse.Variables(date)), Ct))
                .ToDictionary(o => o.Name);
        }

        Assert.Contains("too few for a usual range", outcomes[DemoStory.IncidentMonth - 3]["usual_volume"].Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Ok, outcomes[DemoStory.IncidentMonth - 1]["usual_volume"].Status);
        Assert.Equal(CheckStatus.Error, outcomes[DemoStory.IncidentMonth]["usual_volume"].Status);
        Assert.Contains("below the median of the last 4 reference dates", outcomes[DemoStory.IncidentMonth]["usual_volume"].Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Ok, outcomes[DemoStory.IncidentMonth + 1]["usual_volume"].Status);
        Assert.Equal(CheckStatus.Error, outcomes[DemoStory.IncidentMonth + 1]["volumetry"].Status);
    }

    [Theory]
    [InlineData(new double[] { 5, 1, 3 }, 3)]
    [InlineData(new double[] { 4, 1, 3, 100 }, 3.5)]
    public void The_median_is_the_middle_value(double[] values, double expected) => Assert.Equal(expected, CheckRules.Median(values));

    [Fact]
    public void No_history_has_no_median() => Assert.Null(CheckRules.Median([]));
}
