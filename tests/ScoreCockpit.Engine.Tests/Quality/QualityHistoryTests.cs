using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Quality;

/// <summary>The demo's monthly extracts measured and checked over three months, one of which lost 30 % of its rows.</summary>
public sealed class QualityHistoryTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DatasetDefinition Extract = new() { Table = "usage_${date_ref_yyyymm}" };

    private static readonly IReadOnlyList<MetricDefinition> Metrics =
    [
        new() { Name = "row_count", Kind = MetricKind.RowCount },
        new() { Name = "null_rate_data_prev", Kind = MetricKind.NullRate, Column = "data_gb_prev_3m" },
        new() { Name = "plans", Kind = MetricKind.DistinctCount, Column = "plan" },
        new() { Name = "mean_charges", Kind = MetricKind.Mean, Column = "monthly_charges" },
        new() { Name = "max_charges", Kind = MetricKind.Max, Column = "MONTHLY_CHARGES" },
        new() { Name = "min_charges", Kind = MetricKind.Min, Column = "monthly_charges" },
        new() { Name = "customers", Kind = MetricKind.Sql, Sql = "SELECT count(*) FROM customers WHERE signup_date <= ${date_ref}" },
    ];

    private static readonly IReadOnlyList<CheckDefinition> Checks =
    [
        new() { Name = "volumetry", Kind = CheckKind.Change, Metric = "row_count", WarningChangePercent = 10, ErrorChangePercent = 20 },
        new()
        {
            Name = "extract_complete", Kind = CheckKind.CompareRowCounts, WarningChangePercent = 10, ErrorChangePercent = 20,
            Dataset = Extract, OtherDataset = new() { Table = "usage_${previous_yyyymm}" },
        },
        new() { Name = "charges_range", Kind = CheckKind.Bounds, Metric = "mean_charges", WarningMin = 1, ErrorMin = 0 },
    ];

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_incident_month_is_an_error_the_month_before_ok_and_a_rerun_replaces_its_rows(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await QualityWarehouse.BuildAsync(store);
        var compute = store.Get<ComputeMetricsHandler>();
        var run = store.Get<RunChecksHandler>();
        var outcomes = new Dictionary<int, IReadOnlyList<CheckOutcome>>();
        foreach (var month in new[] { DemoStory.IncidentMonth - 2, DemoStory.IncidentMonth - 1, DemoStory.IncidentMonth })
        {
            var date = QualityWarehouse.Month(month);
            var values = await compute.ComputeAsync(new ComputeMetrics("churn", Extract, Metrics, date, QualityWarehouse.Variables(date)), Ct);
            Assert.Equal(await QualityWarehouse.RowsAsync(store, DemoStory.UsageTable(date)), values[0].Value);
            Assert.Equal(DemoStory.UsageTable(date), values[0].Dataset);
            Assert.InRange(values[1].Value!.Value, 0, 1);
            Assert.True(values[5].Value <= values[3].Value && values[3].Value <= values[4].Value);
            Assert.True(values[6].Value >= values[0].Value);
            outcomes[month] = await run.RunAsync(new RunChecks("churn", Checks, date, QualityWarehouse.Variables(date)), Ct);
        }

        var before = outcomes[DemoStory.IncidentMonth - 1].ToDictionary(o => o.Name);
        var incident = outcomes[DemoStory.IncidentMonth].ToDictionary(o => o.Name);
        Assert.Equal(CheckStatus.Ok, before["volumetry"].Status);
        Assert.Equal(CheckStatus.Ok, before["extract_complete"].Status);
        Assert.Equal(CheckStatus.Error, incident["volumetry"].Status);
        Assert.Matches(@"^row_count [\d,]+ is (2\d|3\d)(\.\d)? % below the previous reference date \d{4}-\d\d-\d\d \([\d,]+\); error beyond ±20 %\.$",
            incident["volumetry"].Message);
        Assert.Equal(CheckStatus.Error, incident["extract_complete"].Status);
        Assert.Equal(CheckStatus.Ok, incident["charges_range"].Status);
        Assert.Contains("no previous value", outcomes[DemoStory.IncidentMonth - 2][0].Message, StringComparison.Ordinal);

        // Again for the incident month, with a new filter: the same rows are replaced, none added.
        var incidentDate = QualityWarehouse.Month(DemoStory.IncidentMonth);
        var filtered = Extract with { Where = "month_end = ${date_ref} AND plan <> 'none'" };
        var again = await compute.ComputeAsync(new ComputeMetrics("churn", filtered, Metrics, incidentDate, QualityWarehouse.Variables(incidentDate), 7), Ct);
        await run.RunAsync(new RunChecks("churn", Checks, incidentDate, QualityWarehouse.Variables(incidentDate), 7), Ct);
        Assert.Equal(incident["volumetry"].Value, again[0].Value);
        Assert.Equal($"{DemoStory.UsageTable(incidentDate)} where month_end = {incidentDate:yyyy-MM-dd} AND plan <> 'none'", again[0].Dataset);
        await using (var db = await store.OpenAsync())
        {
            Assert.Equal(3 * Metrics.Count, await db.QualityMeasurements.CountAsync(Ct));
            Assert.Equal(3 * Checks.Count, await db.CheckResults.CountAsync(Ct));
            Assert.Equal(Checks.Count, await db.CheckResults.CountAsync(r => r.ScenarioRunId == 7, Ct));
        }

        var queries = store.Get<QualityQueries>();
        var history = await queries.MetricHistoryAsync("churn", "row_count", Ct);
        Assert.Equal([QualityWarehouse.Month(19), QualityWarehouse.Month(20), incidentDate], history.Select(h => h.ReferenceDate));
        Assert.Equal([CheckStatus.Ok, CheckStatus.Ok, CheckStatus.Error], (await queries.CheckHistoryAsync("churn", "volumetry", Ct)).Select(c => c.Status));
        Assert.Equal(3 * Checks.Count, (await queries.CheckHistoryAsync("churn", null, Ct)).Count);
        Assert.Equal(CheckStatus.Error, (await queries.LatestCheckAsync("churn", "volumetry", Ct))!.Status);
        Assert.Equal(again[0].Value, (await queries.LatestMetricAsync("churn", "row_count", Ct))!.Value);
        Assert.Null(await queries.LatestCheckAsync(null, "volumetry", Ct));

        var churnId = history[0].ScoreId!.Value;
        Assert.Equal(CheckStatus.Error, (await queries.StatusByScoreAsync(Ct))[churnId]);
        var overview = await queries.OverviewAsync(Ct);
        Assert.Equal(Checks.Count, overview.Checks.Count);
        Assert.All(overview.Checks, c => Assert.Equal(("churn", incidentDate), (c.ScoreName!, c.ReferenceDate)));
        var rows = overview.Metrics.Single(m => m.MetricName == "row_count");
        Assert.Equal((3, again[0].Value), (rows.Dates, rows.Value));
    }
}
