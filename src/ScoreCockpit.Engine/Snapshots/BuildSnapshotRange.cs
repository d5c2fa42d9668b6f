using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>Build every snapshot of a score's reference dates from <paramref name="From"/> to <paramref name="To"/>.</summary>
/// <param name="Rebuild">Also rebuild dates that already have a snapshot; by default they are kept.</param>
public sealed record BuildSnapshotRange(string Score, DateOnly From, DateOnly To, bool Rebuild = false);

public sealed record SnapshotRangeProgress(int Done, int Total, DateOnly Date, string Stage);

/// <summary>What a range build did: dates built, kept, without rows, and the date that stopped it with its message.</summary>
public sealed record SnapshotRangeResult(
    IReadOnlyList<DateOnly> Built, IReadOnlyList<DateOnly> Kept, IReadOnlyList<DateOnly> Empty, DateOnly? FailedOn, string? Failure)
{
    public string Describe()
    {
        var parts = new List<string> { $"{Built.Count} snapshot(s) built" };
        if (Kept.Count > 0)
        {
            parts.Add($"{Kept.Count} already there and kept");
        }

        if (Empty.Count > 0)
        {
            parts.Add($"{Empty.Count} date(s) without rows skipped: {string.Join(", ", Empty.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        var summary = string.Join("; ", parts) + ".";
        return FailedOn is { } date ? $"{summary} Stopped at {date:yyyy-MM-dd}: {Failure}" : summary;
    }
}

/// <summary>
/// One action for a score's history: each date of the score's reference-date rule in the range, oldest first, through
/// the one-date build. A date whose dataprep returns no row is skipped and listed; the first failure stops the range
/// with its date and message, keeping what was built before it (each date is its own atomic swap).
/// </summary>
public sealed class BuildSnapshotRangeHandler(
    IDbContextFactory<CockpitDbContext> contexts, BuildSnapshotHandler build, ReferenceDatesHandler referenceDates, CockpitClock clock)
{
    public async Task<SnapshotRangeResult> HandleAsync(
        BuildSnapshotRange request, Actor actor, IProgress<SnapshotRangeProgress>? progress = null, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "build snapshots");
        if (request.From > request.To)
        {
            throw new CockpitValidationException(
                $"The range starts on {request.From:yyyy-MM-dd}, after it ends on {request.To:yyyy-MM-dd}: give the earlier date first.");
        }

        if (request.From > clock.Today)
        {
            throw new CockpitValidationException(
                $"The range starts on {request.From:yyyy-MM-dd}, after today ({clock.Today:yyyy-MM-dd}): a snapshot reads what is known on its reference date.");
        }

        ScoreDefinition definition;
        HashSet<DateOnly> existing;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var scope = await ScoreScope.LoadAsync(db, request.Score, clock, ct);
            (definition, existing) = (scope.Definition, scope.Snapshots.Select(s => s.ReferenceDate).ToHashSet());
        }

        var to = request.To > clock.Today ? clock.Today : request.To;
        var dates = await referenceDates.ListAsync(definition, request.From, to, ct);
        if (dates.Count == 0)
        {
            var known = definition.ReferenceDates.Kind == ReferenceDateKind.Column ? await referenceDates.ListAsync(definition, ct: ct) : [];
            var hint = known.Count > 0 ? $" The data has dates from {known[0]:yyyy-MM-dd} to {known[^1]:yyyy-MM-dd}." : "";
            throw new CockpitValidationException(
                $"{request.Score} has no reference date ({definition.ReferenceDates.Describe()}) from {request.From:yyyy-MM-dd} to {to:yyyy-MM-dd}.{hint}");
        }

        var (built, kept, empty) = (new List<DateOnly>(), new List<DateOnly>(), new List<DateOnly>());
        for (var i = 0; i < dates.Count; i++)
        {
            var date = dates[i];
            if (!request.Rebuild && existing.Contains(date))
            {
                kept.Add(date);
                continue;
            }

            progress?.Report(new SnapshotRangeProgress(i, dates.Count, date, $"{request.Score}: building {date:yyyy-MM-dd}"));
            try
            {
                var snapshot = await build.TryHandleAsync(new BuildSnapshot(request.Score, date), actor, ct);
                (snapshot is null ? empty : built).Add(date);
            }
            catch (Exception e) when (e is CockpitValidationException or Warehouse.WarehouseException)
            {
                progress?.Report(new SnapshotRangeProgress(i, dates.Count, date, $"{request.Score}: {date:yyyy-MM-dd} failed"));
                return new SnapshotRangeResult(built, kept, empty, date, e.Message);
            }
        }

        progress?.Report(new SnapshotRangeProgress(dates.Count, dates.Count, dates[^1], $"{request.Score}: done"));
        return new SnapshotRangeResult(built, kept, empty, null, null);
    }
}
