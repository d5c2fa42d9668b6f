using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Quality;

/// <summary>Snapshots as datasets, metrics of no score, and checks that cannot be evaluated.</summary>
public sealed class QualityEdgeTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MetricDefinition RowCount = new() { Name = "row_count", Kind = MetricKind.RowCount };

    [Fact]
    public async Task A_snapshot_is_measured_and_unmeasurable_checks_are_errors_with_their_reason()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await QualityWarehouse.BuildAsync(store);
        var date = QualityWarehouse.Month(25);
        var variables = QualityWarehouse.Variables(date);
        var snapshot = await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("churn", date), Actor.System, Ct);
        var compute = store.Get<ComputeMetricsHandler>();

        var measured = await compute.ComputeAsync(new ComputeMetrics("churn", new DatasetDefinition { Snapshot = true }, [RowCount], date, variables), Ct);
        Assert.Equal((double)snapshot.Rows, measured[0].Value);
        Assert.Equal(snapshot.TableName, measured[0].Dataset);

        // A metric of no score: the same name lives beside the score's without replacing it.
        var global = await compute.ComputeAsync(new ComputeMetrics(null, new DatasetDefinition { Table = "customers" }, [RowCount], date, variables), Ct);
        Assert.Equal(QualityWarehouse.Options.Customers, global[0].Value);
        Assert.Equal((double)snapshot.Rows, (await store.Get<QualityQueries>().LatestMetricAsync("churn", "row_count", Ct))!.Value);

        var missingColumn = await Assert.ThrowsAsync<CockpitValidationException>(() => compute.ComputeAsync(new ComputeMetrics(
            null, new DatasetDefinition { Table = "customers" }, [new() { Name = "n", Kind = MetricKind.NullRate, Column = "tenure" }], date, variables), Ct));
        Assert.Contains("reads the column 'tenure', which customers does not have. Its columns: customer_id", missingColumn.Message, StringComparison.Ordinal);
        var missingTable = await Assert.ThrowsAsync<CockpitValidationException>(() => compute.ComputeAsync(new ComputeMetrics(
            null, new DatasetDefinition { Table = "usage_${previous_yyyymm}_x" }, [RowCount], date, variables), Ct));
        Assert.Contains("The dataset table 'usage_", missingTable.Message, StringComparison.Ordinal);
        var unknownVariable = await Assert.ThrowsAsync<CockpitValidationException>(() => compute.ComputeAsync(new ComputeMetrics(
            null, new DatasetDefinition { Table = "customers", Where = "signup_date <= ${cutoff}" }, [RowCount], date, variables), Ct));
        Assert.Contains("${cutoff}", unknownVariable.Message, StringComparison.Ordinal);

        var outcomes = await store.Get<RunChecksHandler>().RunAsync(new RunChecks("churn",
        [
            new() { Name = "filled", Kind = CheckKind.Bounds, Metric = "null_rate_tenure", ErrorMax = 0.1 },
            new() { Name = "drift", Kind = CheckKind.ScorePsi },
            new() { Name = "size", Kind = CheckKind.Bounds, Metric = "row_count", ErrorMin = 1 },
            new()
            {
                Name = "versus", Kind = CheckKind.CompareRowCounts, ErrorChangePercent = 5,
                Dataset = new() { Snapshot = true }, OtherDataset = new() { Table = "nowhere" },
            },
            new() { Name = "half", Kind = CheckKind.CompareRowCounts, ErrorChangePercent = 5, Dataset = new() { Snapshot = true } },
        ], date, variables), Ct);

        var byName = outcomes.ToDictionary(o => o.Name);
        Assert.Equal(CheckStatus.Error, byName["filled"].Status);
        Assert.Equal($"null_rate_tenure was not measured for {date:yyyy-MM-dd}: run the compute-metrics step that defines it before this check.",
            byName["filled"].Message);
        Assert.Equal(CheckStatus.Error, byName["drift"].Status);
        Assert.Contains("no successful scoring run", byName["drift"].Message, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Ok, byName["size"].Status);
        Assert.Equal(CheckStatus.Error, byName["versus"].Status);
        Assert.Contains("'nowhere' cannot be read", byName["versus"].Message, StringComparison.Ordinal);
        Assert.Equal((CheckStatus.Error, "half could not run: a compare-row-counts check needs both \"dataset\" and \"otherDataset\"."),
            (byName["half"].Status, byName["half"].Message));
        var history = await store.Get<QualityQueries>().CheckHistoryAsync("churn", "drift", Ct);
        Assert.Equal((0.1, 0.25), (history.Single().WarningMax, history.Single().ErrorMax));
    }
}
