using System.Collections.Concurrent;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation.InWarehouse;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation;

public sealed partial class EvaluateAllVersionsHandler
{
    /// <summary>
    /// The score's execution choice. When a person asked for the warehouse, every version to evaluate must be able to run
    /// there, or nothing is evaluated: the refusal names each version and why.
    /// </summary>
    private async Task<ExecutionChoice> ChooseAsync(CockpitDbContext db, int scoreId, Execution? requested, ScoreDefinition definition,
        List<(DateOnly Date, List<ModelVersion> Versions)> work, IReadOnlyList<Snapshot> snapshots, CancellationToken ct)
    {
        var kind = (await connections.ResolveAsync(definition.Connection, ct)).Kind;
        var choice = await ExecutionChoices.ForScoreAsync(db, connections, scoreId, requested, definition, kind, ct);
        if (choice.Where != Execution.InWarehouse || choice.ByAuto)
        {
            return choice;
        }

        await using var session = await connections.OpenAsync(definition.Connection, ct);
        var refusals = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (date, versions) in work)
        {
            var table = snapshots.Single(s => s.ReferenceDate == date).TableName;
            var columns = (await session.TableColumnsAsync(table, ct)).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var version in versions)
            {
                if (await WhyNotInWarehouseAsync(version, definition, session.Dialect, table, columns, ct) is { } why)
                {
                    refusals.Add($"v{version.Number}{(version.ChallengerName is { } c ? $" ({c})" : "")}: {why}");
                }
            }
        }

        return refusals.Count == 0 ? choice : throw new CockpitValidationException(
            $"The versions cannot all be evaluated in the warehouse '{definition.Connection}' ({choice.Reason}): {string.Join("; ", refusals)}. " +
            "Evaluate in-process (--execution in-process, or set the score's execution to in-process or auto). Nothing was evaluated.");
    }

    /// <summary>Why a version cannot be evaluated exactly in the warehouse on this table, or null.</summary>
    private async Task<string?> WhyNotInWarehouseAsync(ModelVersion version, ScoreDefinition definition, ISqlDialect dialect, string table,
        IReadOnlyDictionary<string, WarehouseColumn> columns, CancellationToken ct)
    {
        try
        {
            var model = await plans.GetAsync(version, definition.Name, ct);
            if (PushDownReadiness.Why(model.Plan, columns, definition.KeyColumn) is { } why)
            {
                return why;
            }

            _ = PlanSql.Select(model.Plan, dialect, table, definition.KeyColumn, [.. columns.Keys], [definition.TargetColumn]);
            return null;
        }
        catch (ScoringPlanException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// A date evaluated in the warehouse: its labels read once, each version scored and measured by SQL on one session.
    /// A version that cannot run there (auto chose the warehouse) is evaluated in-process instead, and the progress says why.
    /// </summary>
    private async Task<ConcurrentBag<VersionEvaluation>> InWarehouseAsync(string scoreName, ScoreDefinition definition, DateOnly date, string table,
        List<ModelVersion> versions, ExecutionChoice choice, IProgress<string>? progress, DateTime now, CancellationToken token)
    {
        var evaluations = new ConcurrentBag<VersionEvaluation>();
        var inProcess = new List<ModelVersion>();
        await using (var session = await connections.OpenAsync(definition.Connection, token))
        {
            var columns = (await session.TableColumnsAsync(table, token)).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            var labels = await InWarehouseEvaluation.LabelsAsync(session, date, table, definition, token);
            foreach (var version in versions)
            {
                // A person's choice was checked for every version and date before anything ran; auto's is checked here.
                if (choice.ByAuto && await WhyNotInWarehouseAsync(version, definition, session.Dialect, table, columns, token) is { } why)
                {
                    progress?.Report($"{scoreName} {date:yyyy-MM-dd} v{version.Number}: in-process instead: {why}");
                    inProcess.Add(version);
                    continue;
                }

                try
                {
                    evaluations.Add(await InWarehouseEvaluation.RunAsync(() => plans.GetAsync(version, scoreName, token), version, labels, session,
                        definition, now, token));
                }
                catch (WarehouseException e) when (choice.ByAuto)
                {
                    progress?.Report($"{scoreName} {date:yyyy-MM-dd} v{version.Number}: in-process instead: the warehouse refused the plan's SQL: {e.Message}");
                    inProcess.Add(version);
                }
            }
        }

        if (inProcess.Count > 0)
        {
            var parallel = new ParallelOptions { CancellationToken = token, MaxDegreeOfParallelism = Environment.ProcessorCount };
            foreach (var evaluation in await InProcessAsync(scoreName, definition, date, table, inProcess, parallel, now, token))
            {
                evaluations.Add(evaluation);
            }
        }

        return evaluations;
    }
}
