using ScoreCockpit.Engine.Evaluation;

namespace ScoreCockpit.Web.Components.Pages.Scores.Compare;

/// <summary>One version's stored figure on one date, with what kind of figure it is.</summary>
public sealed record CompareCell(double? Value, EvaluationKind Kind, bool Thin, string? Failure)
{
    public bool InSample => Kind == EvaluationKind.InSample;

    /// <summary>Forward on a date that is not thin: the only figures a median over dates takes.</summary>
    public bool Counts => EvaluationKinds.Counts(Kind, Thin) && Value is not null;
}

/// <summary>One evaluation date of the range, the chosen versions side by side.</summary>
public sealed record CompareRow(DateOnly Date, IReadOnlyDictionary<int, CompareCell> Cells);

/// <summary>
/// The compare page's table. An AUC averaged over dates means nothing (each date has its own rows and base rate),
/// so the whole range is summed up by the median of the per-date values, forward dates with enough rows and
/// positives only (never in-sample, validation, back-test or thin dates), and labelled so.
/// </summary>
public static class CompareTableData
{
    /// <summary>Versions as asked in the address: "12,15" (spaces and unknown text ignored), in order, once each.</summary>
    public static IReadOnlyList<int> ParseVersions(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t.TrimStart('v', 'V'), out var n) ? n : 0).Where(n => n > 0).Distinct().Order()];

    public static DateOnly? ParseDate(string? text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date) ? date : null;

    /// <summary>Dates of the range holding an evaluation of at least one chosen version, newest first.</summary>
    public static IReadOnlyList<CompareRow> Rows(IReadOnlyList<VersionSeries> series, IReadOnlyCollection<int> versions, DateOnly? from, DateOnly? to)
    {
        var chosen = series.Where(s => versions.Contains(s.Version)).ToList();
        return [.. chosen.SelectMany(s => s.Points).Select(p => p.Date)
            .Where(d => (from is null || d >= from) && (to is null || d <= to))
            .Distinct().OrderDescending()
            .Select(date => new CompareRow(date, chosen
                .Select(s => (s.Version, Point: s.Points.FirstOrDefault(p => p.Date == date)))
                .Where(x => x.Point is not null)
                .ToDictionary(x => x.Version, x => new CompareCell(x.Point!.Value, x.Point.Kind, x.Point.Thin, x.Point.Failure))))];
    }

    /// <summary>The median of a version's forward values over the rows; null when it has none.</summary>
    public static double? Median(IReadOnlyList<CompareRow> rows, int version)
    {
        var values = rows.Select(r => r.Cells.GetValueOrDefault(version))
            .Where(c => c is { Counts: true }).Select(c => c!.Value!.Value).Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>Forward dates counted in a version's median.</summary>
    public static int ForwardDates(IReadOnlyList<CompareRow> rows, int version) =>
        rows.Count(r => r.Cells.GetValueOrDefault(version) is { Counts: true });
}
