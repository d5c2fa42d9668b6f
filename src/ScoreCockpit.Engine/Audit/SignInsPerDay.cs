using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Audit;

public sealed record DailyCount(DateOnly Day, int SignIns, int Failures);

/// <summary>Successful and failed sign-ins per cockpit day (see <see cref="CockpitClock"/>) over a window ending today, every day present.</summary>
public sealed class SignInsPerDayHandler(IDbContextFactory<CockpitDbContext> contexts, CockpitClock clock)
{
    public async Task<IReadOnlyList<DailyCount>> HandleAsync(int days = 30, CancellationToken ct = default)
    {
        var today = clock.Today;
        var first = today.AddDays(1 - Math.Clamp(days, 1, 366));
        var from = clock.StartOf(first);

        await using var db = await contexts.CreateDbContextAsync(ct);
        // A window of sign-ins is small; grouping here keeps the query identical on every provider.
        var events = await db.AuditEntries.AsNoTracking()
            .Where(e => e.At >= from && (e.Action == AuditActions.SignIn || e.Action == AuditActions.SignInFailed))
            .Select(e => new { e.At, e.Action })
            .ToListAsync(ct);

        return Enumerable.Range(0, today.DayNumber - first.DayNumber + 1)
            .Select(first.AddDays)
            .Select(day => new DailyCount(
                day,
                events.Count(e => clock.DayOf(e.At) == day && e.Action == AuditActions.SignIn),
                events.Count(e => clock.DayOf(e.At) == day && e.Action == AuditActions.SignInFailed)))
            .ToList();
    }
}
