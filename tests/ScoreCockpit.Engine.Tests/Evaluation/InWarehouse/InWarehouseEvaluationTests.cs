using System.Text;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Evaluation.InWarehouse;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Tests.Warehouse;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation.InWarehouse;

/// <summary>
/// A small tree plan evaluated inside the warehouse and in-process on the same snapshot: rows without a target left
/// out, an input the table lacks scored as missing with the kernel's warning, ties everywhere, probabilities or raw
/// scores. The demo's versions are compared in <see cref="DemoInWarehouseEvaluations"/>.
/// </summary>
public sealed class InWarehouseEvaluationTests(PostgresClusterFixture postgres)
{
    private static readonly DateOnly Date = new(2026, 6, 30);
    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly ScoreDefinition Definition = TestDefinitions.Sample("eval");
    private static readonly ModelVersion Version = new() { Id = 7, ScoreId = 3, Number = 2, Algorithm = "FastTree", ArtifactSha256 = "", TrainedBy = "" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_tree_plan_evaluates_in_the_warehouse_as_in_process(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        await WriteSnapshotAsync(session, "snap", session.Dialect.FloatType, label: i => i % 17 == 0 ? "NULL" : (i * 7919 % 10 < 2 + (i % 45 / 9) ? "1" : "0"));
        foreach (var calibrated in new[] { true, false })
        {
            var model = new CompiledModel(Plan(calibrated));
            var snapshot = await LabelledSnapshot.LoadAsync(session, Date, "snap", Definition.TargetColumn, Definition.KeyColumn,
                model.Columns.ToDictionary(StringComparer.OrdinalIgnoreCase), Ct);
            var expected = await EvaluationUnit.RunAsync(() => Task.FromResult(model), Version, snapshot, Definition, Now);
            var labels = await InWarehouseEvaluation.LabelsAsync(session, Date, "snap", Definition, Ct);
            var actual = await InWarehouseEvaluation.RunAsync(() => Task.FromResult(model), Version, labels, session, Definition, Now, Ct);

            DemoInWarehouseEvaluations.AssertSame(expected, actual, $"{kind} calibrated {calibrated}");
            Assert.Equal(snapshot.MissingLabels, labels.MissingLabels);
            Assert.True(labels.MissingLabels > 0);
            Assert.Equal(["The column 'gone' is missing from the snapshot snap: it is scored as missing."],
                System.Text.Json.JsonSerializer.Deserialize<string[]>(actual.WarningsJson)!);
            Assert.NotNull(actual.AucLower);
            Assert.NotNull(actual.FirstLiftLower);
            Assert.Equal(calibrated, actual.Brier is not null);
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_changed_type_fails_and_a_bad_label_is_refused_as_in_process(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        var model = new CompiledModel(Plan(calibrated: true));
        await WriteSnapshotAsync(session, "texts", session.Dialect.TextType(20), label: i => (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var snapshot = await LabelledSnapshot.LoadAsync(session, Date, "texts", Definition.TargetColumn, Definition.KeyColumn,
            model.Columns.ToDictionary(StringComparer.OrdinalIgnoreCase), Ct);
        var expected = await EvaluationUnit.RunAsync(() => Task.FromResult(model), Version, snapshot, Definition, Now);
        var labels = await InWarehouseEvaluation.LabelsAsync(session, Date, "texts", Definition, Ct);
        var actual = await InWarehouseEvaluation.RunAsync(() => Task.FromResult(model), Version, labels, session, Definition, Now, Ct);
        Assert.NotNull(expected.Failure);
        Assert.Equal(expected.Failure, actual.Failure);
        Assert.Equal((expected.Rows, expected.Positives, expected.Thin), (actual.Rows, actual.Positives, actual.Thin));

        await WriteSnapshotAsync(session, "twos", session.Dialect.FloatType, label: i => i == 40 ? "2" : "0");
        var refused = await Assert.ThrowsAsync<CockpitValidationException>(() => LabelledSnapshot.LoadAsync(
            session, Date, "twos", Definition.TargetColumn, Definition.KeyColumn, model.Columns.ToDictionary(StringComparer.OrdinalIgnoreCase), Ct));
        var inWarehouse = await Assert.ThrowsAsync<CockpitValidationException>(() => InWarehouseEvaluation.LabelsAsync(session, Date, "twos", Definition, Ct));
        Assert.Equal(refused.Message, inWarehouse.Message);
    }

    /// <summary>Two trees over tenure (missing every 13th row) and its missing flag; "gone" is not in the table.</summary>
    private static ScoringPlan Plan(bool calibrated) => new()
    {
        Algorithm = "FastTree",
        Slots = 3,
        Inputs =
        [
            new PlanInput { Name = "tenure", Kind = PlanInputKind.Number, Slot = 0, Impute = 12f, MissingSlot = 2 },
            new PlanInput { Name = "gone", Kind = PlanInputKind.Number, Slot = 1 },
        ],
        Ensemble = new PlanEnsemble(0.25,
        [
            new PlanTree { Split = [0, 2], Threshold = [10.5f, 0.5f], Left = [1, ~0], Right = [~2, ~1], Leaves = [-0.8, 0.3, 0.6] },
            new PlanTree { Split = [0], Threshold = [30f], Left = [~0], Right = [~1], Leaves = [0.1, -0.2] },
        ]),
        Calibrator = calibrated ? new PlanCalibrator(-1.3, 0.2) : null,
    };

    private static async Task WriteSnapshotAsync(WarehouseSession session, string table, string tenureType, Func<int, string> label)
    {
        await session.ExecuteAsync($"CREATE TABLE {table} (customer_id INTEGER NOT NULL, tenure {tenureType}, churned INTEGER)", Ct);
        var sql = new StringBuilder($"INSERT INTO {table} VALUES ");
        for (var i = 0; i < 400; i++)
        {
            var tenure = i % 13 == 0 ? "NULL" : $"{i % 45}";
            sql.Append(i == 0 ? "" : ", ").Append($"({i}, {(tenure != "NULL" && tenureType.Contains("CHAR", StringComparison.OrdinalIgnoreCase) ? $"'{tenure}'" : tenure)}, {label(i)})");
        }

        await session.ExecuteAsync(sql.ToString(), Ct);
    }
}
