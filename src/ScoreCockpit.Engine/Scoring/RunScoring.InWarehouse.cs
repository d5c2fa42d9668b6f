using System.Text.Json;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scoring;

public sealed partial class RunScoringHandler
{
    /// <summary>
    /// Scores, ranks and measures inside the warehouse, then swaps; the process holds no customer row. Returns the
    /// choice that ran: in-process when auto chose the warehouse and the version or the warehouse cannot do it there
    /// (nothing was written); a person's explicit choice is refused instead, with what to do.
    /// </summary>
    private async Task<ExecutionChoice> ScoreInWarehouseAsync(CockpitDbContext db, ScoringRun run, string score, ScoreDefinition definition,
        ModelVersion version, string table, Dictionary<string, WarehouseColumn> columns, Snapshots.Snapshot? reference,
        Dictionary<string, ColumnKind> features, ExecutionChoice choice, WarehouseSession session, IProgress<string>? progress, CancellationToken ct)
    {
        var model = await plans.GetAsync(version, score, ct);
        var cannot = PushDownReadiness.Why(model.Plan, columns, definition.KeyColumn);
        StagedScores staged;
        try
        {
            if (cannot is not null)
            {
                throw new ScoringPlanException(cannot);
            }

            progress?.Report($"Scoring {table} with v{version.Number} in-warehouse ({choice.Reason})…");
            staged = await InWarehouseScoring.StageAsync(session, model.Plan, table, columns.Values, definition.KeyColumn, run.OutputTable,
                run.ReferenceDate, version.Number, ct);
        }
        catch (Exception e) when (e is ScoringPlanException or WarehouseException)
        {
            var why = e is WarehouseException ? $"the warehouse refused the plan's SQL: {e.Message}" : e.Message;
            if (choice.ByAuto)
            {
                var fallBack = choice.FallBack(why);
                progress?.Report($"In-warehouse scoring is not possible here: {why}. Scoring in-process.");
                return fallBack;
            }

            throw new CockpitValidationException(
                $"v{version.Number} of {score} cannot be scored in the warehouse '{definition.Connection}' ({choice.Reason}): {why}. " +
                "Score it in-process (--execution in-process, or set the score's execution to in-process or auto). Nothing was written.");
        }

        (run.Execution, run.ExecutionReason) = (choice.Name, choice.Reason);
        var warnings = model.Plan.Inputs.Where(i => !columns.ContainsKey(i.Name))
            .Select(i => CompiledModel.MissingColumn(i.Name, $"the snapshot {table}")).ToList();
        try
        {
            run.Rows = staged.Rows;
            run.Mean = staged.Mean;
            run.HistogramJson = JsonSerializer.Serialize(staged.Histogram);
            run.DecileCutsJson = JsonSerializer.Serialize(staged.DecileCuts);
            run.ScorePsi = await ScorePsiAsync(db, run, staged.Histogram, ct);
            progress?.Report("Measuring the drift in the warehouse…");
            if (reference is not null)
            {
                var (drift, driftWarnings) = await SqlDrift.MeasureAsync(session, reference.TableName, table, columns, features, ct);
                run.FeaturePsiJson = JsonSerializer.Serialize(drift, ScoreDefinitionJson.Options);
                warnings.AddRange(driftWarnings);
            }
            else
            {
                warnings.Add("The active version's training snapshot is gone: feature drift not measured.");
            }

            run.WarningsJson = JsonSerializer.Serialize(warnings, ScoreDefinitionJson.Options);
            await ScoreWriter.SwapAsync(session, run.OutputTable, definition.KeyColumn, run.ReferenceDate, progress, ct);
        }
        catch
        {
            await session.DropTableIfExistsAsync(ScoreOutput.Staging(run.OutputTable), CancellationToken.None);
            throw;
        }

        await SucceededAsync(db, run);
        return choice;
    }
}
