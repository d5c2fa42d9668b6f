using ScoreCockpit.Engine.Scenarios.Conditions;

namespace ScoreCockpit.Engine.Scenarios.Running;

/// <summary>Where conditions read stored checks and metrics for a reference date (the quality feature answers).</summary>
public interface IQualityFacts
{
    Task<CheckLevel?> CheckAsync(string? score, string check, DateOnly referenceDate, CancellationToken ct);

    Task<double?> MetricAsync(string? score, string metric, DateOnly referenceDate, CancellationToken ct);
}

/// <summary>Builds the facts a condition reads in a run: its variables and outputs, and stored checks and metrics.</summary>
public sealed class ScenarioFacts(IEnumerable<IQualityFacts> quality)
{
    public IConditionFacts For(StepContext context) => new RunFacts(context, quality.FirstOrDefault());

    private sealed class RunFacts(StepContext context, IQualityFacts? quality) : IConditionFacts
    {
        public DateOnly Today => context.Today;

        /// <summary>The date the run's own checks and metrics are stored under, so both sides agree on "this run's date".</summary>
        public DateOnly ReferenceDate => context.Date(null);

        public TypedValue? Variable(string name) => context.Variable(name);

        public TypedValue? Output(string step, string key) =>
            context.Outputs.TryGetValue(step, out var outputs) && outputs.TryGetValue(key, out var value) ? value : null;

        public string? StepStatus(string step) => context.Statuses.GetValueOrDefault(step);

        public Task<CheckLevel?> CheckAsync(string? score, string check, DateOnly referenceDate, CancellationToken ct) =>
            Quality().CheckAsync(score ?? context.ScoreName, check, referenceDate, ct);

        public Task<double?> MetricAsync(string? score, string metric, DateOnly referenceDate, CancellationToken ct) =>
            Quality().MetricAsync(score ?? context.ScoreName, metric, referenceDate, ct);

        private IQualityFacts Quality() =>
            quality ?? throw new ConditionException("Checks and metrics are not available in this process.");
    }
}
