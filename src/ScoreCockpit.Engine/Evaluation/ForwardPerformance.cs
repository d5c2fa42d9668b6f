using System.Resources;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>How the production version of a date was found.</summary>
public enum ChosenBy
{
    /// <summary>The activation history says it was active on that date.</summary>
    Active,

    /// <summary>No version had been activated yet: the latest of the score's own versions trained as of that date or before.</summary>
    AsOf,
}

/// <summary>
/// One date of "each month scored by the version trained before it": the production version's forward figures, and
/// the best other version on the same rows. Figures are the stored evaluations' own; <see cref="Note"/> says why the
/// production figures are empty when they are.
/// </summary>
public sealed record ForwardPerformanceRow(
    DateOnly Date,
    int? Version,
    ChosenBy? ChosenBy,
    double? Auc,
    double? AucLower,
    double? AucUpper,
    decimal LiftPercent,
    double? Lift,
    double? LiftLower,
    double? LiftUpper,
    int? BestOtherVersion,
    string? BestOtherChallenger,
    EvaluationKind? BestOtherKind,
    double? BestOtherAuc,
    bool Thin,
    TextKey? NoteText)
{
    /// <summary>Why the production figures are missing, in English (CLI, logs); <see cref="NoteIn"/> for a reader.</summary>
    public string? Note => NoteText?.ToString();

    public string? NoteIn(System.Globalization.CultureInfo culture) => NoteText?.In(culture);

    /// <summary>Production AUC minus the best other's: negative when another version ranked that date's customers better.</summary>
    public double? Difference => Auc is { } auc && BestOtherAuc is { } other ? auc - other : null;
}

/// <summary>The rows, and the lift cut-off they show (10 % when the score has it).</summary>
public sealed record ForwardPerformanceTable(string Score, decimal LiftPercent, IReadOnlyList<ForwardPerformanceRow> Rows);

/// <summary>
/// The forward-performance table of a score, one row per evaluated date, oldest first. Evaluations exist only on
/// snapshots whose labels are final (pending ones are never evaluated), so every date listed is labelled.
/// </summary>
public sealed class ForwardPerformance(GetScoreHandler scores, PerformanceQueries performance, ListVersionsHandler versions, ActiveVersions activations)
{
    public async Task<ForwardPerformanceTable> HandleAsync(string scoreName, CancellationToken ct = default)
    {
        var score = await scores.HandleAsync(scoreName, ct);
        var evaluations = await performance.AllAsync(scoreName, ct: ct);
        var history = await activations.HistoryAsync(scoreName, ct);
        var trained = await versions.HandleAsync(scoreName, ct);
        var percent = ForwardPerformanceRule.LiftPercent(score.Definition.LiftCutoffs);
        var rows = evaluations.GroupBy(e => e.Evaluation.EvaluationDate).OrderBy(g => g.Key)
            .Select(g => ForwardPerformanceRule.Row(g.Key, ForwardPerformanceRule.ProductionOn(g.Key, history, trained), [.. g], percent))
            .ToList();
        return new ForwardPerformanceTable(score.Definition.Name, percent, rows);
    }
}

/// <summary>The decisions behind each row, pure so every case can be stated in a test.</summary>
public static class ForwardPerformanceRule
{
    /// <summary>The lift cut-off shown: 10 %, else the smallest of the score's cut-offs above it, else its largest.</summary>
    public static decimal LiftPercent(IReadOnlyList<decimal> cutoffs) =>
        cutoffs.Contains(10m) ? 10m
        : cutoffs.Where(c => c > 10m).Order().Cast<decimal?>().FirstOrDefault() ?? (cutoffs.Count > 0 ? cutoffs.Max() : 10m);

    /// <summary>
    /// The version active on <paramref name="date"/>: the latest activation before the end of that day (UTC), as the
    /// performance chart's production line reads it. <paramref name="history"/> is newest first, as
    /// <see cref="ActiveVersions.HistoryAsync"/> gives it.
    /// </summary>
    public static int? ActiveOn(DateOnly date, IReadOnlyList<ActivationRecord> history)
    {
        var endOfDay = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return history.FirstOrDefault(a => a.ActivatedAt < endOfDay)?.VersionNumber;
    }

    /// <summary>
    /// The version in production on <paramref name="date"/>, or the one that would have been before anything was
    /// activated: the latest of the score's own versions (challengers are never in production by default) trained before
    /// that date, the higher number winning a tie. Not on the date itself: with a short horizon a version trained that
    /// day has read the date's own outcomes, so it cannot be the one that scored it. Null when none had been trained yet.
    /// </summary>
    public static (int Version, ChosenBy By)? ProductionOn(DateOnly date, IReadOnlyList<ActivationRecord> history, IReadOnlyList<VersionSummary> versions)
    {
        if (ActiveOn(date, history) is { } active)
        {
            return (active, ChosenBy.Active);
        }

        return versions.Where(v => v.ChallengerName is null && v.AsOfDate < date)
            .OrderByDescending(v => v.AsOfDate).ThenByDescending(v => v.Number)
            .Select(v => ((int, ChosenBy)?)(v.Number, ChosenBy.AsOf)).FirstOrDefault();
    }

    /// <summary>
    /// The best other version on the date: the highest AUC among the forward evaluations of every other version and
    /// challenger, because only a forward figure says what that version would have done in production. When no other
    /// version has a forward figure there, the highest AUC of any kind, its kind shown so an in-sample figure is never
    /// read as a forward one. A tie goes to the newer version.
    /// </summary>
    public static EvaluationView? BestOther(int? production, IReadOnlyList<EvaluationView> onDate)
    {
        var others = onDate.Where(e => e.Version != production && e.Evaluation.Failure is null && e.Evaluation.Auc is not null).ToList();
        var pool = others.Any(e => e.Evaluation.Kind == EvaluationKind.Forward)
            ? others.Where(e => e.Evaluation.Kind == EvaluationKind.Forward)
            : others;
        return pool.OrderByDescending(e => e.Evaluation.Auc).ThenByDescending(e => e.Version).FirstOrDefault();
    }

    /// <summary>One row from the date's evaluations. The production figures are filled from a forward evaluation only.</summary>
    public static ForwardPerformanceRow Row(DateOnly date, (int Version, ChosenBy By)? production, IReadOnlyList<EvaluationView> onDate, decimal liftPercent)
    {
        var own = production is { } p ? onDate.FirstOrDefault(e => e.Version == p.Version) : null;
        var note = Why(date, production, own);
        var figures = note is null ? own!.Evaluation : null;
        var cutoffs = figures is null ? [] : MetricKeys.Cutoffs(figures);
        // Each cut-off keeps its interval; evaluations stored before that kept only the first cut-off's.
        var cutoff = cutoffs.FirstOrDefault(c => c.Percent == liftPercent);
        var firstOnly = cutoff?.LiftLower is null && cutoffs.Count > 0 && cutoffs[0].Percent == liftPercent;
        var (lower, upper) = firstOnly ? (figures!.FirstLiftLower, figures.FirstLiftUpper) : (cutoff?.LiftLower, cutoff?.LiftUpper);
        var best = BestOther(production?.Version, onDate);
        return new ForwardPerformanceRow(
            date, production?.Version, production?.By,
            figures?.Auc, figures?.AucLower, figures?.AucUpper,
            liftPercent, cutoff?.Lift, lower, upper,
            best?.Version, best?.ChallengerName, best?.Evaluation.Kind, best?.Evaluation.Auc,
            onDate.Any(e => e.Evaluation.Thin), note);
    }

    private static readonly ResourceManager Notes = new(typeof(EvaluationText));

    private static TextKey? Why(DateOnly date, (int Version, ChosenBy By)? production, EvaluationView? own) =>
        production is not { } p ? new(Notes, "NoVersionYet", date.ToDateTime(TimeOnly.MinValue))
        : own is null ? new(Notes, "NotEvaluated", p.Version)
        : own.Evaluation.Failure is { } failure ? new(Notes, "CouldNotScore", p.Version, failure)
        : own.Evaluation.Kind switch
        {
            EvaluationKind.Validation => new(Notes, "NoForwardValidation", p.Version),
            EvaluationKind.InSample => new(Notes, "NoForwardInSample", p.Version),
            EvaluationKind.BackTest => new(Notes, "NoForwardBackTest", p.Version),
            _ => null,
        };
}
