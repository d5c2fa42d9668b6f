using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scenarios.Steps;

public sealed class SetVariablesExecutor : IStepExecutor
{
    public string Type => StepTypes.SetVariables;

    public Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        foreach (var assignment in ((SetVariablesStep)step).Variables)
        {
            var variable = assignment.Type == VariableType.Date
                ? Variable.Date(assignment.Name, context.Date(assignment.Value))
                : new Variable(assignment.Name, assignment.Type, SqlTemplate.Fill(assignment.Value, context.VariableText));
            variable.Parse();
            context.Variables[variable.Name] = variable;
            context.Log($"{variable.Name} = {variable.Value}");
            context.Current[variable.Name] = Conditions.Values.Of(variable);
        }

        return Task.CompletedTask;
    }
}

public sealed class RunSqlExecutor(IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections) : IStepExecutor
{
    public string Type => StepTypes.RunSql;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var definition = (RunSqlStep)step;
        var resolved = await StepVariables.ResolveAsync(contexts, step.Score ?? context.ScoreName, context, ct);
        await using var session = await connections.OpenAsync(definition.Connection ?? resolved.Score?.Connection ?? WarehouseConnectionInfo.DemoName, ct);
        var sql = SqlTemplate.RenderLiterals(definition.Sql, resolved.Variables, session.Dialect);
        context.Log($"Running SQL on {session.Info.Name} ({definition.Sql.Length:N0} characters)");
        var affected = await session.ExecuteAsync(sql, ct);
        context.Log(affected >= 0 ? $"{affected:N0} row(s) affected" : "Done");
        context.Output("rows_affected", Math.Max(affected, 0));
    }
}

public sealed class BuildSnapshotExecutor(BuildSnapshotHandler build) : IStepExecutor
{
    public string Type => StepTypes.BuildSnapshot;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var score = context.ScoreOf(step);
        var date = context.Date(((BuildSnapshotStep)step).Date);
        var snapshot = await build.HandleAsync(new BuildSnapshot(score, date, context.RunVariables()), context.Actor, ct);
        context.Log($"Snapshot {snapshot.TableName}: {snapshot.Rows:N0} rows");
        context.Output("rows", snapshot.Rows);
        context.Output("reference_date", date);
        context.Output("table", snapshot.TableName);
    }
}

/// <summary>Scores the snapshot of the step's date; with no date and no <c>${date_ref}</c> set, the latest snapshot.</summary>
public sealed class ScoreExecutor(RunScoringHandler scoring) : IStepExecutor
{
    public string Type => StepTypes.Score;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var score = context.ScoreOf(step);
        var definition = (ScoreStep)step;
        DateOnly? date = definition.Date is null && !context.Variables.ContainsKey(BuiltInVariables.DateRef) ? null : context.Date(definition.Date);
        var run = await scoring.HandleAsync(new RunScoring(score, date), context.Actor, ct);
        context.Log($"Scored {run.Rows:N0} customers of {StepContext.Day(run.ReferenceDate)} into {run.OutputTable}"
            + (run.ScorePsi is { } psi ? $"; score PSI {psi:0.000}" : ""));
        context.Output("rows", run.Rows);
        context.Output("reference_date", run.ReferenceDate);
        if (run.Mean is { } mean)
        {
            context.Output("mean", mean);
        }

        if (run.ScorePsi is { } drift)
        {
            context.Output("psi", drift);
        }
    }
}
