using System.Text.Json;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Web.Api;

// The API's own shapes: a published contract, so a change to a page's records does not silently change it.

public sealed record PortfolioApi(IReadOnlyList<PortfolioScoreApi> Scores, int Total, HealthCounts Counts)
{
    public static PortfolioApi Of(PortfolioPage page) => new(page.Rows.Select(PortfolioScoreApi.Of).ToList(), page.Total, page.Counts);
}

public sealed record PortfolioScoreApi(
    string Name, string Description, IReadOnlyList<string> Owners, HealthLevel Health, string HealthReason, int? ActiveVersion,
    DateTime? ActiveSince, double? Auc, DateOnly? AucDate, double? AucChange, double? Lift5, double? Lift10, string? BestOther,
    double? BestOtherAuc, ScoringStatus? LastRunStatus, DateTime? LastRunAt, double? ScorePsi, string PsiLevel, string? QualityStatus,
    IReadOnlyList<SparkPoint> Sparkline)
{
    public static PortfolioScoreApi Of(ScoreHealthRow r) => new(
        r.Name, r.Description, r.Owners, r.Health, r.HealthReason, r.ActiveVersion, r.ActiveSince, r.Auc, r.AucDate, r.AucChange, r.Lift5,
        r.Lift10, r.BestOther, r.BestOtherAuc, r.LastRunStatus, r.LastRunAt, r.ScorePsi, r.PsiLevel, r.QualityStatus, r.Sparkline);
}

/// <param name="Definition">The score's definition, as the export file writes it.</param>
public sealed record ScoreApi(int Id, string Name, JsonElement Definition, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt,
    string UpdatedBy, DateTime? ArchivedAt)
{
    public static ScoreApi Of(ScoreDetails s) => new(s.Id, s.Definition.Name, JsonDocument.Parse(ScoreDefinitionJson.Write(s.Definition)).RootElement,
        s.CreatedAt, s.CreatedBy, s.UpdatedAt, s.UpdatedBy, s.ArchivedAt);
}

/// <summary>One version's evaluations, one point per evaluation date (month), oldest first.</summary>
public sealed record EvaluationSeriesApi(int Version, string? ChallengerName, DateOnly AsOfDate, IReadOnlyList<EvaluationPointApi> Points);

/// <param name="Kind">forward, validation, inSample or backTest: only forward (and validation) figures judge a version.</param>
/// <param name="Thin">Fewer rows or positives than the score's minimum: shown, never counted.</param>
public sealed record EvaluationPointApi(
    DateOnly Date, EvaluationKind Kind, bool Thin, string? Failure, long Rows, long Positives, double? BaseRate, double? Auc,
    double? AucLower, double? AucUpper, double? Gini, double? Ks, double? Brier, double? LogLoss, IReadOnlyList<CutoffMetric> Cutoffs)
{
    public static IReadOnlyList<EvaluationSeriesApi> SeriesOf(IEnumerable<EvaluationView> views) => views
        .GroupBy(v => (v.Version, v.ChallengerName, v.AsOfDate))
        .Select(g => new EvaluationSeriesApi(g.Key.Version, g.Key.ChallengerName, g.Key.AsOfDate,
            g.OrderBy(v => v.Evaluation.EvaluationDate).Select(Of).ToList()))
        .ToList();

    private static EvaluationPointApi Of(EvaluationView v)
    {
        var e = v.Evaluation;
        return new(e.EvaluationDate, e.Kind, e.Thin, e.Failure, e.Rows, e.Positives, e.BaseRate, e.Auc, e.AucLower, e.AucUpper, e.Gini,
            e.Ks, e.Brier, e.LogLoss, v.Cutoffs);
    }
}

/// <summary>A score's data-quality checks with their latest results, and its metrics' latest values.</summary>
public sealed record ScoreChecksApi(IReadOnlyList<Engine.Quality.CheckSummary> Checks, IReadOnlyList<Engine.Quality.MetricSummary> Metrics);

public sealed record RunApi(
    long Id, string Scenario, RunStatus Status, string Trigger, string StartedBy, DateOnly AsOf, DateTime StartedAt, DateTime? FinishedAt,
    long DurationMs, string? FailedStep, string? Failure, int CheckWarnings, IReadOnlyList<RunStepApi> Steps)
{
    /// <summary>True once the run has stopped (succeeded, failed, interrupted or skipped): stop polling.</summary>
    public bool Finished => Status != RunStatus.Running;

    public static RunApi Of(ScenarioRun r) => new(r.Id, r.ScenarioName, r.Status, r.Trigger, r.StartedBy, r.AsOf, r.StartedAt, r.FinishedAt,
        r.DurationMs, r.FailedStep, r.Failure, r.CheckWarnings,
        r.Steps.Select(s => new RunStepApi(s.Position, s.Name, s.Type, s.Status, s.StartedAt, s.FinishedAt, s.DurationMs, s.Message)).ToList());
}

public sealed record RunStepApi(int Position, string Name, string Type, StepStatus Status, DateTime? StartedAt, DateTime? FinishedAt,
    long DurationMs, string? Message);

/// <param name="AsOf">The day the run takes as today (yyyy-MM-dd); empty: today in the cockpit's time zone.</param>
public sealed record StartRunApi(DateOnly? AsOf = null);

/// <param name="Run">Where to follow the run (also in the Location header).</param>
public sealed record RunStartedApi(long Id, string Run);
