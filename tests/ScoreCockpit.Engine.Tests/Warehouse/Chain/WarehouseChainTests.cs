using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse.Chain;

/// <summary>
/// Snapshots, a sampled training, evaluations, scoring and export on DuckDB and on PostgreSQL, from the same data: each
/// warehouse runs the chain, and both give the same results, down to the bytes of the model.
/// </summary>
public sealed class WarehouseChainTests(PostgresClusterFixture postgres)
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_whole_chain_runs_on_the_warehouse(WarehouseKind kind)
    {
        var outcome = await WarehouseChain.RunAsync(kind, postgres);

        Assert.Equal(ChainData.Months.Count, outcome.Snapshots.Count);
        Assert.All(outcome.Snapshots, s => Assert.Equal(ChainData.Customers, s.Rows));
        // The training snapshots hold more rows than the cap, so the version learnt from a sample.
        Assert.InRange(outcome.Version.TrainingRows, ChainData.MaxTrainingRows * 0.9, ChainData.MaxTrainingRows * 1.1);
        Assert.NotEmpty(outcome.Evaluations);
        Assert.All(outcome.Evaluations, e => Assert.Null(e.Failure));
        Assert.All(outcome.Evaluations, e => Assert.True(e.Auc > 0.6, $"{e.EvaluationDate}: AUC {e.Auc}"));
        Assert.Equal(ChainData.Customers, outcome.Scores.Count);
        Assert.Equal(ChainData.Customers + 1, outcome.ExportCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // The plan written as SQL and run by the warehouse gives the kernel's floats, bit for bit.
        Assert.Equal(outcome.Scores.Count, outcome.InWarehouse.Count);
        Assert.All(outcome.Scores, s => Assert.Equal(BitConverter.SingleToInt32Bits((float)s.Score), BitConverter.SingleToInt32Bits(outcome.InWarehouse[s.Key])));
        // Evaluated inside the warehouse, every stored evaluation comes out the same, intervals included, to 1e-9.
        Assert.Equal(outcome.Evaluations.Count, outcome.EvaluatedInWarehouse.Count);
        foreach (var (stored, inWarehouse) in outcome.Evaluations.Zip(outcome.EvaluatedInWarehouse))
        {
            Evaluation.InWarehouse.DemoInWarehouseEvaluations.AssertSame(stored, inWarehouse, $"{kind} {stored.EvaluationDate:yyyy-MM-dd}");
        }

        PushedRunIsTheKernelsRun(outcome);
    }

    /// <summary>The run scored inside the warehouse wrote the kernel's rows and measured the same distribution and drift.</summary>
    private static void PushedRunIsTheKernelsRun(ChainOutcome outcome)
    {
        var (run, pushed) = (outcome.Run, outcome.PushedRun);
        Assert.Equal(("in-process", "in-warehouse", "asked for this run"), (run.Execution, pushed.Execution, pushed.ExecutionReason));
        Assert.Equal(outcome.Scores, outcome.PushedScores);
        Assert.Equal(run.Rows, pushed.Rows);
        Assert.Equal(run.Mean!.Value, pushed.Mean!.Value, 1e-12);
        Assert.Equal(run.HistogramJson, pushed.HistogramJson);
        Assert.Equal(run.DecileCutsJson, pushed.DecileCutsJson);
        Assert.Equal(run.WarningsJson, pushed.WarningsJson);
        // The kernel samples a snapshot above 200,000 rows for its drift; this one is smaller, so both count every row.
        Assert.Equal(run.FeaturePsiJson, pushed.FeaturePsiJson);
        Assert.NotEqual("[]", pushed.FeaturePsiJson);
    }

    [Fact]
    public async Task DuckDB_and_PostgreSQL_give_the_same_snapshots_model_evaluations_and_scores()
    {
        var duck = await WarehouseChain.RunAsync(WarehouseKind.DuckDb, postgres, pushDown: false);
        var pg = await WarehouseChain.RunAsync(WarehouseKind.Postgres, postgres, pushDown: false);

        Assert.Equal(duck.Snapshots, pg.Snapshots);
        Assert.Equal(duck.Version.TrainingRows, pg.Version.TrainingRows);
        Assert.Equal(duck.Version.InputSchemaJson, pg.Version.InputSchemaJson);
        Assert.Equal(duck.Version.ArtifactSha256, pg.Version.ArtifactSha256);
        Assert.Equal(duck.Version.ValidationAuc, pg.Version.ValidationAuc);
        Assert.Equal(duck.Evaluations.Count, pg.Evaluations.Count);
        foreach (var (d, p) in duck.Evaluations.Zip(pg.Evaluations))
        {
            Assert.Equal((d.EvaluationDate, d.Kind, d.Rows, d.Positives), (p.EvaluationDate, p.Kind, p.Rows, p.Positives));
            foreach (var metric in new Func<VersionEvaluation, double?>[]
                {
                    e => e.Auc, e => e.AucLower, e => e.AucUpper, e => e.Gini, e => e.Ks, e => e.Brier, e => e.LogLoss,
                    e => e.FirstLiftLower, e => e.FirstLiftUpper,
                })
            {
                Assert.Equal(metric(d)!.Value, metric(p)!.Value, 1e-12);
            }

            Assert.Equal(d.CutoffsJson, p.CutoffsJson);
            Assert.Equal(d.DecilesJson, p.DecilesJson);
        }

        Assert.Equal(duck.Scores, pg.Scores);
        Assert.Equal(duck.ExportCsv, pg.ExportCsv);
    }
}
