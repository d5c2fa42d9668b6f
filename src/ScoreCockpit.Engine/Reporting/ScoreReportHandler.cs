using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Reporting.Sheets;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Settings;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>
/// A score's Excel report: a cover with its health, one sheet per metric (versions × evaluation dates), the forward
/// performance (each date scored by the version in production then), the deciles,
/// the activation history and the scoring runs, plus any registered <see cref="IReportSection"/>. Anyone signed in may
/// download it. The workbook is built in memory (ClosedXML): a few thousand cells, a few hundred kilobytes.
/// </summary>
public sealed class ScoreReportHandler(
    GetScoreHandler scores,
    ListVersionsHandler versions,
    ActiveVersions activations,
    PerformanceQueries performance,
    ForwardPerformance forward,
    ListScoringRunsHandler runs,
    IEnumerable<IReportSection> sections,
    PortfolioQuery portfolio,
    CockpitClock clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Scoring runs listed, newest first.</summary>
    public const int RecentRuns = 50;

    /// <summary>`churn-report-2026-03-14.xlsx`: the score and today's date on the machine's clock.</summary>
    public string FileName(string scoreName) =>
        $"{scoreName}-report-{clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>Writes the report in English to <paramref name="output"/>; an unknown score raises a <see cref="CockpitValidationException"/> before any byte.</summary>
    public Task WriteAsync(string scoreName, Stream output, Actor? actor, CancellationToken ct = default) =>
        WriteAsync(scoreName, output, actor, SupportedCultures.English, ct);

    /// <summary>
    /// Writes the report in the reader's <paramref name="culture"/> (sheet names, headers, notes, words); figures stay
    /// numbers and days stay ISO dates whatever the language.
    /// </summary>
    public async Task WriteAsync(string scoreName, Stream output, Actor? actor, CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (actor is null || actor.Roles.Count == 0)
        {
            throw new AccessDeniedException($"{actor?.Name ?? "Someone not signed in"} cannot read the report of {scoreName}: sign in first.");
        }

        var context = await LoadAsync(scoreName, actor, culture, ct);
        using var workbook = new XLWorkbook();
        CoverSheet.Write(workbook, context);
        foreach (var metric in context.Metrics)
        {
            MetricSheet.Write(workbook, context, metric);
        }

        ForwardPerformanceSheet.Write(workbook, await forward.HandleAsync(scoreName, ct), context.Text);
        DecilesSheet.Write(workbook, context);
        ActivationsSheet.Write(workbook, context);
        ScoringRunsSheet.Write(workbook, context);
        foreach (var section in sections)
        {
            await section.WriteAsync(workbook, context, ct);
        }

        // ClosedXML writes synchronously: into memory first, then out asynchronously (a response body refuses sync writes).
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        ExactNumbers.Restore(workbook, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private async Task<ReportContext> LoadAsync(string scoreName, Actor actor, CultureInfo culture, CancellationToken ct)
    {
        var score = await scores.HandleAsync(scoreName, ct);
        var metrics = new List<ReportMetric>();
        foreach (var (key, sheet, format, higherIsBetter) in MetricsOf(score.Definition, ReportText.For(culture)))
        {
            metrics.Add(new ReportMetric(key, sheet, format, higherIsBetter, await performance.OverTimeAsync(scoreName, key, ct)));
        }

        var versionList = await versions.HandleAsync(scoreName, ct);
        var decileDate = DecileDate(metrics[0].Series, versionList.FirstOrDefault(v => v.Active)?.Number);
        var onDecileDate = decileDate is { } day ? await performance.OnDateAsync(scoreName, day, ct) : [];
        return new ReportContext(
            score, versionList, await activations.HistoryAsync(scoreName, ct), metrics, decileDate, onDecileDate,
            await runs.HandleAsync(scoreName, RecentRuns, ct), clock.Now, clock.Zone, actor,
            await portfolio.OfScoreAsync(scoreName, ct), culture);
    }

    /// <summary>AUC first (the cover and the deciles lean on it), then lift at each cut-off, then the rest.</summary>
    private static IEnumerable<(string Key, string Sheet, string Format, bool HigherIsBetter)> MetricsOf(ScoreDefinition definition, Texts texts)
    {
        yield return ("auc", "AUC", ReportStyle.Ratio, true);
        foreach (var cutoff in definition.LiftCutoffs.Order())
        {
            yield return (MetricKeys.Lift(cutoff), ReportText.Lift(texts, cutoff), ReportStyle.Lift, true);
        }

        yield return ("gini", "Gini", ReportStyle.Ratio, true);
        yield return ("ks", "KS", ReportStyle.Ratio, true);
        yield return ("brier", "Brier", ReportStyle.Ratio, false);
    }

    /// <summary>The active version's latest forward or validation date with metrics; failing that its latest date, else the latest of any version.</summary>
    private static DateOnly? DecileDate(IReadOnlyList<VersionSeries> auc, int? active)
    {
        var points = auc.FirstOrDefault(s => s.Version == active)?.Points.Where(p => p.Failure is null).ToList() ?? [];
        return points.LastOrDefault(p => EvaluationKinds.Compares(p.Kind, p.Thin))?.Date
            ?? points.LastOrDefault()?.Date
            ?? auc.SelectMany(s => s.Points).Where(p => p.Failure is null).Select(p => (DateOnly?)p.Date).Max();
    }
}
