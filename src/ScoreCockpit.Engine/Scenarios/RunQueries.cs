using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios;

public sealed record RunFilter(string? Scenario = null, RunStatus? Status = null, DateOnly? From = null, DateOnly? To = null,
    string? Score = null, int Page = 0, int PageSize = 50);

public sealed record RunRow(long Id, string Scenario, RunStatus Status, string Trigger, string StartedBy, DateOnly AsOf,
    DateTime StartedAt, DateTime? FinishedAt, long DurationMs, string? FailedStep, string? Failure, int CheckWarnings);

public sealed record RunPage(IReadOnlyList<RunRow> Rows, int Total);

/// <summary>Run history for the Runs page, the score page and the command line; filtered and paged in the store.</summary>
public sealed class RunQueries(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<RunPage> ListAsync(RunFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var runs = db.ScenarioRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Scenario))
        {
            runs = runs.Where(r => r.ScenarioName == filter.Scenario);
        }

        if (!string.IsNullOrWhiteSpace(filter.Score))
        {
            var scoreId = await db.Scores.Where(s => s.Name == filter.Score).Select(s => (int?)s.Id).SingleOrDefaultAsync(ct);
            runs = runs.Where(r => r.ScoreId == scoreId);
        }

        if (filter.Status is { } status)
        {
            runs = runs.Where(r => r.Status == status);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            runs = runs.Where(r => r.StartedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            runs = runs.Where(r => r.StartedAt < end);
        }

        var total = await runs.CountAsync(ct);
        var rows = await runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Skip(filter.Page * filter.PageSize).Take(filter.PageSize)
            .Select(r => new RunRow(r.Id, r.ScenarioName, r.Status, r.Trigger, r.StartedBy, r.AsOf, r.StartedAt, r.FinishedAt,
                r.DurationMs, r.FailedStep, r.Failure, r.CheckWarnings))
            .ToListAsync(ct);
        return new RunPage(rows, total);
    }

    public async Task<ScenarioRun?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.ScenarioRuns.AsNoTracking().Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == id, ct);
        run?.Steps.Sort((a, b) => a.Position.CompareTo(b.Position));
        return run;
    }

    /// <summary>Durations of the scenario's last successful runs, newest first (for the duration alert's percentile).</summary>
    public async Task<IReadOnlyList<TimeSpan>> RecentDurationsAsync(int scenarioId, int count, long? excludeRun = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ms = await db.ScenarioRuns.AsNoTracking()
            .Where(r => r.ScenarioId == scenarioId && r.Status == RunStatus.Succeeded && r.Id != excludeRun)
            .OrderByDescending(r => r.StartedAt).Take(count).Select(r => r.DurationMs).ToListAsync(ct);
        return ms.Select(m => TimeSpan.FromMilliseconds(m)).ToList();
    }
}
