using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Portfolio;

/// <summary>
/// The portfolio: every score's health, searched, filtered, sorted and paged. The store aggregates (one row per score
/// comes back, not the evaluation history); only the page's rows get sparklines. Anyone signed in may read it.
/// </summary>
public sealed class PortfolioQuery(IDbContextFactory<CockpitDbContext> contexts, IEnumerable<IPortfolioEnrichment> enrichments)
{
    public const int MaxPageSize = 200;

    public async Task<PortfolioPage> GetAsync(PortfolioRequest request, CancellationToken ct = default)
    {
        if (request.Page < 0 || request.PageSize is < 1 or > MaxPageSize)
        {
            throw new CockpitValidationException(
                $"Portfolio page {request.Page} of size {request.PageSize}: ask for page 0 or more, of 1 to {MaxPageSize} scores.");
        }

        var comparer = Comparer(request.Sort);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await AssessedAsync(db, ct);
        var found = rows.Where(r => Matches(r, request.Search)).ToList();
        var counts = new HealthCounts(
            found.Count(r => r.Health == HealthLevel.Healthy), found.Count(r => r.Health == HealthLevel.Watch),
            found.Count(r => r.Health == HealthLevel.Decaying), found.Count(r => r.Health == HealthLevel.NoData));
        var shown = found.Where(r => request.Health is null || r.Health == request.Health).ToList();
        shown.Sort(comparer);

        var page = shown.Skip(request.Page * request.PageSize).Take(request.PageSize).ToList();
        var lines = await Sparklines.LoadAsync(db, page.Select(r => r.Name).ToList(), ct);
        return new PortfolioPage(page.Select(r => r with { Sparkline = lines.GetValueOrDefault(r.Name) ?? [] }).ToList(), shown.Count, counts);
    }

    /// <summary>Every score, health first, without sparklines: the Excel sheet's rows.</summary>
    public async Task<IReadOnlyList<ScoreHealthRow>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await AssessedAsync(db, ct);
        rows.Sort(Comparer("health"));
        return rows;
    }

    /// <summary>One score's row, judged with the same facts and rule as the whole portfolio (the report's cover, the score page).</summary>
    public async Task<ScoreHealthRow> OfScoreAsync(string scoreName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await AssessedAsync(db, ct)).SingleOrDefault(r => r.Name == scoreName)
            ?? throw new CockpitValidationException($"There is no score named '{scoreName}'.");
    }

    private async Task<List<ScoreHealthRow>> AssessedAsync(CockpitDbContext db, CancellationToken ct)
    {
        IReadOnlyList<ScoreHealthRow> rows = await PortfolioFacts.LoadAsync(db, ct);
        foreach (var enrichment in enrichments)
        {
            rows = await enrichment.EnrichAsync(rows, ct);
        }

        return rows.Select(r =>
        {
            var verdict = HealthRules.Assess(new HealthInputs(r.ActiveVersion, r.Auc, r.FirstAuc, r.ScorePsi, r.LastRunStatus, r.QualityStatus, r.Drift));
            return r with { Health = verdict.Level, HealthReason = verdict.Reason, HealthFindings = verdict.Findings };
        }).ToList();
    }

    private static bool Matches(ScoreHealthRow row, string? search) =>
        string.IsNullOrWhiteSpace(search)
        || row.Name.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)
        || row.Description.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)
        || row.Owners.Any(o => o.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase));

    private static Comparison<ScoreHealthRow> Comparer(string? sort)
    {
        var key = string.IsNullOrWhiteSpace(sort) ? "health" : sort.Trim();
        var descending = key.StartsWith('-');
        key = key.TrimStart('-').ToLowerInvariant();
        Comparison<ScoreHealthRow> primary = key switch
        {
            // Worst first, and within a level the largest AUC drop first.
            "health" => (a, b) => a.Health != b.Health ? a.Health.CompareTo(b.Health) : Nullable.Compare(Drop(b), Drop(a)),
            "name" => (a, b) => 0,
            "auc" => (a, b) => Nullable.Compare(a.Auc, b.Auc),
            "change" => (a, b) => Nullable.Compare(a.AucChange, b.AucChange),
            "gap" => (a, b) => Nullable.Compare(a.Gap, b.Gap),
            "psi" => (a, b) => Nullable.Compare(a.ScorePsi, b.ScorePsi),
            "run" => (a, b) => Nullable.Compare(a.LastRunAt, b.LastRunAt),
            _ => throw new CockpitValidationException(
                $"The portfolio cannot be sorted by '{sort}'. Sort by health, name, auc, change, gap, psi or run (a leading '-' reverses)."),
        };
        return (a, b) =>
        {
            var order = primary(a, b);
            order = descending ? -order : order;
            return order != 0 ? order : string.Compare(a.Name, b.Name, StringComparison.Ordinal) * (descending && key == "name" ? -1 : 1);
        };
    }

    private static double? Drop(ScoreHealthRow row) => row.FirstAuc - row.Auc;
}
