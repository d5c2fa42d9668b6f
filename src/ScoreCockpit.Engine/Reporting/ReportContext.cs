using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>One metric of the report: its sheet, how it reads, and every version's values over time.</summary>
public sealed record ReportMetric(string Key, string SheetName, string NumberFormat, bool HigherIsBetter, IReadOnlyList<VersionSeries> Series);

/// <summary>Everything the report's sheets read, loaded once through the engine's queries, and the reader's language.</summary>
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
    Actor GeneratedBy,
    ScoreHealthRow Health,
    CultureInfo Culture)
{
    /// <summary>The report's texts in the reader's language.</summary>
    public Texts Text { get; } = ReportText.For(Culture);

    public string ScoreName => Score.Definition.Name;

    public VersionSummary? Active => Versions.FirstOrDefault(v => v.Active);

    /// <summary>The version active before the current one, for comparisons; null when there was none.</summary>
    public int? PreviousActive => Activations.Select(a => (int?)a.VersionNumber).FirstOrDefault(v => v != Active?.Number);

    public ReportMetric Metric(string key) => Metrics.Single(m => m.Key == key);

    /// <summary>A stored instant (UTC) as the machine's clock shows it, which is what "generated at" uses too.</summary>
    public DateTime Local(DateTime utc) => CockpitDates.Local(utc, Zone);

    /// <summary>
    /// The active version's forward values on dates that are not thin, oldest first: the figures its health is judged
    /// on. Back-tests, its validation date and thin dates stay on the metric sheets but judge nothing.
    /// </summary>
    public IReadOnlyList<PerformancePoint> ActiveOutOfTime(string key) =>
        (Metric(key).Series.FirstOrDefault(s => s.Version == Active?.Number)?.Points ?? []).Where(p => p.Counts && p.Value is not null).ToList();
}
