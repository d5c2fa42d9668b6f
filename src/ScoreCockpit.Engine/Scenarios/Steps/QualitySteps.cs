using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Scenarios.Conditions;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios.Steps;

public sealed class ComputeMetricsExecutor(IDbContextFactory<CockpitDbContext> contexts, ComputeMetricsHandler compute) : IStepExecutor
{
    public string Type => StepTypes.ComputeMetrics;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var definition = (ComputeMetricsStep)step;
        var score = step.Score ?? context.ScoreName;
        var (date, _, variables) = await StepVariables.ResolveAsync(contexts, score, context, ct);
        var values = await compute.ComputeAsync(new ComputeMetrics(score, definition.Dataset, definition.Metrics, date, variables, context.Run.Id), ct);
        foreach (var value in values)
        {
            context.Log($"{value.Name} = {(value.Value is { } v ? CheckRules.Number(v) : "null")} on {value.Dataset}");
            if (value.Value is { } measured)
            {
                context.Output(value.Name, measured);
            }
        }
    }
}

public sealed class RunChecksExecutor(IDbContextFactory<CockpitDbContext> contexts, RunChecksHandler checks) : IStepExecutor
{
    public string Type => StepTypes.RunChecks;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var definition = (RunChecksStep)step;
        var score = step.Score ?? context.ScoreName;
        var (date, _, variables) = await StepVariables.ResolveAsync(contexts, score, context, ct);
        var outcomes = await checks.RunAsync(new RunChecks(score, definition.Checks, date, variables, context.Run.Id), ct);
        foreach (var outcome in outcomes)
        {
            context.Log($"{QualityNames.Of(outcome.Status)} {outcome.Name}: {outcome.Message}");
            context.Output(outcome.Name, Level(outcome.Status));
        }

        var worst = outcomes.Count == 0 ? CheckStatus.Ok : outcomes.Max(o => o.Status);
        context.Output("worst", Level(worst));
        context.Output("warnings", outcomes.Count(o => o.Status != CheckStatus.Ok));
        var errors = outcomes.Where(o => o.Status == CheckStatus.Error).ToList();
        if (definition.FailOnError && errors.Count > 0)
        {
            throw new CheckFailedException(errors.Count == 1
                ? $"Check {errors[0].Name} is in ERROR: {errors[0].Message}"
                : $"{errors.Count} checks are in ERROR: {string.Join("; ", errors.Select(e => $"{e.Name}: {e.Message}"))}");
        }
    }

    internal static CheckLevel Level(CheckStatus status) => status switch
    {
        CheckStatus.Ok => CheckLevel.Ok,
        CheckStatus.Warning => CheckLevel.Warning,
        _ => CheckLevel.Error,
    };
}

/// <summary>A check in ERROR stops the steps that need success; the run fails with the check's own words.</summary>
public sealed class CheckFailedException(string message) : Exception(message);

/// <summary>Stored checks and metrics of one reference date, for conditions such as <c>check('churn', 'volumetry') != 'ERROR'</c>.</summary>
public sealed class StoredQualityFacts(QualityQueries queries) : IQualityFacts
{
    public async Task<CheckLevel?> CheckAsync(string? score, string check, DateOnly referenceDate, CancellationToken ct) =>
        await queries.CheckAtAsync(score, check, referenceDate, ct) is { } result ? RunChecksExecutor.Level(result.Status) : null;

    public async Task<double?> MetricAsync(string? score, string metric, DateOnly referenceDate, CancellationToken ct) =>
        (await queries.MetricAtAsync(score, metric, referenceDate, ct))?.Value;
}
