using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Units;
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

public sealed class BuildSnapshotExecutor(UnitDispatcher units) : IStepExecutor
{
    public string Type => StepTypes.BuildSnapshot;

    public Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct) =>
        UnitSteps.RunAsync(units, new UnitOfWork(UnitKind.BuildSnapshot, context.ScoreOf(step))
        {
            Date = context.Date(((BuildSnapshotStep)step).Date),
            Variables = context.RunVariables(),
        }, context, ct);
}

/// <summary>Scores the snapshot of the step's date; with no date and no <c>${date_ref}</c> set, the latest snapshot.</summary>
public sealed class ScoreExecutor(UnitDispatcher units) : IStepExecutor
{
    public string Type => StepTypes.Score;

    public Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var definition = (ScoreStep)step;
        DateOnly? date = definition.Date is null && !context.Variables.ContainsKey(BuiltInVariables.DateRef) ? null : context.Date(definition.Date);
        return UnitSteps.RunAsync(units, new UnitOfWork(UnitKind.Score, context.ScoreOf(step)) { Date = date }, context, ct);
    }
}
