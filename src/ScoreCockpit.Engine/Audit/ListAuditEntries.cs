using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Audit;

public sealed record ListAuditEntries(string? Action = null, string? Search = null, int Page = 0, int PageSize = 50);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>The audit log, newest first, paged on the server. Admin only.</summary>
public sealed class ListAuditEntriesHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<AuditPage> HandleAsync(ListAuditEntries request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "read the audit log");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Action))
        {
            query = query.Where(e => e.Action == request.Action);
        }

        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = request.Search.Trim();
            query = query.Where(e => e.Actor.Contains(term) || (e.Subject != null && e.Subject.Contains(term)));
        }

        var total = await query.CountAsync(ct);
        var pageSize = Math.Clamp(request.PageSize, 1, 500);
        var entries = await query.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, request.Page) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditPage(entries, total);
    }
}
