using System.Diagnostics;
using System.Text.Json;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation.InWarehouse;

/// <summary>
/// The in-warehouse twin of <see cref="EvaluationUnit.RunAsync"/>: the version's plan runs as SQL where the snapshot
/// is, the metric set is computed there (<see cref="MetricsSql"/>), and only the labels and the scores travel, for the
/// AUC and lift intervals, which are then those of the in-process evaluation. The evaluation is filled by the same
/// code as in-process.
/// </summary>
internal static class InWarehouseEvaluation
{
    /// <summary>
    /// A date's labels alone, in the in-process row order, with the same refusals (no target column, a label other than
    /// 0 or 1); read once and shared by every version evaluated on that date.
    /// </summary>
    public static Task<LabelledSnapshot> LabelsAsync(WarehouseSession session, DateOnly date, string table, ScoreDefinition definition,
        CancellationToken ct) =>
        LabelledSnapshot.LoadAsync(session, date, table, definition.TargetColumn, definition.KeyColumn,
            new Dictionary<string, ColumnUse>(), ct);

    /// <param name="model">The version's compiled plan, asked for inside the unit: a plan that cannot be used fails this evaluation only.</param>
    /// <param name="labels">From <see cref="LabelsAsync"/> (a snapshot loaded with inputs serves as well).</param>
    public static async Task<VersionEvaluation> RunAsync(Func<Task<CompiledModel>> model, ModelVersion version, LabelledSnapshot labels,
        WarehouseSession session, ScoreDefinition definition, DateTime now, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var evaluation = EvaluationUnit.Begin(version, labels, definition, now);
        var cutoffs = definition.LiftCutoffs;
        try
        {
            var compiled = await model();
            var columns = await session.TableColumnsAsync(labels.TableName, ct);
            var warnings = ScoredSnapshot.Check(compiled, columns, $"the snapshot {labels.TableName}");
            await using var scored = await ScoredSnapshot.ScoreAsync(session, compiled, labels.TableName, definition.KeyColumn,
                definition.TargetColumn, columns, ct);
            var scores = await scored.PullAsync(ct);
            if (scores.Length != labels.Labels.Length)
            {
                throw new InvalidOperationException(
                    $"The snapshot {labels.TableName} gave {scores.Length} scores for {labels.Labels.Length} labels: it changed while it was evaluated.");
            }

            // The pulled rows are validated as in-process, so a bad score is named by its row in the snapshot's order.
            Metrics.Validate(scores, labels.Labels, cutoffs);
            var metrics = await MetricsSql.ComputeAsync(session, scored.MetricsSelect, cutoffs, ct);
            EvaluationUnit.Fill(evaluation, metrics, RankedRows.Of(scores, labels.Labels), cutoffs, compiled.GivesProbabilities);
            evaluation.WarningsJson = JsonSerializer.Serialize(warnings, ScoreDefinitionJson.Options);
        }
        catch (Exception e) when (e is ModelInputException or ScoringPlanException)
        {
            evaluation.Failure = e.Message;
        }

        evaluation.DurationMs = clock.ElapsedMilliseconds;
        return evaluation;
    }
}
