using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>One metric of the report: its sheet, how it reads, and every version's values over time.</summary>
public sealed record ReportMetric(string Key, string SheetName, string NumberFormat, bool HigherIsBetter, IReadOnlyList<VersionSeries> Series);

/// <summary>Everything the report's sheets read, loaded once through the engine's queries.</summary>
public sealed record ReportContext(
    ScoreDetails Score,
    IReadOnlyList<VersionSummary> Versions,
    IReadOnlyList<ActivationRecord> Activations,
    IReadOnlyList<ReportMetric> Metrics,
    DateOnly? DecileDate,
    IReadOnlyList<EvaluationView> OnDecileDate,
    IReadOnlyList<ScoringRunView> ScoringRuns,
    DateTimeOffset GeneratedAt,
    TimeZoneInfo Zone,
    Actor GeneratedBy)
{
    public string ScoreName => Score.Definition.Name;

    public VersionSummary? Active => Versions.FirstOrDefault(v => v.Active);

    /// <summary>The version active before the current one, for comparisons; null when there was none.</summary>
    public int? PreviousActive => Activations.Select(a => (int?)a.VersionNumber).FirstOrDefault(v => v != Active?.Number);

    public ReportMetric Metric(string key) => Metrics.Single(m => m.Key == key);

    /// <summary>A stored instant (UTC) as the machine's clock shows it, which is what "generated at" uses too.</summary>
    public DateTime Local(DateTime utc) => CockpitDates.Local(utc, Zone);

    /// <summary>
    /// The active version's values after its training window, oldest first: out-of-time in the monitoring sense. Earlier
    /// dates it was not trained on are back-tests; they stay on the metric sheets but do not judge its health.
    /// </summary>
    public IReadOnlyList<PerformancePoint> ActiveOutOfTime(string key)
    {
        var points = Metric(key).Series.FirstOrDefault(s => s.Version == Active?.Number)?.Points ?? [];
        var trainedUpTo = points.Where(p => p.InSample).Select(p => (DateOnly?)p.Date).Max();
        return points.Where(p => !p.InSample && p.Value is not null && (trainedUpTo is null || p.Date > trainedUpTo)).ToList();
    }
}
