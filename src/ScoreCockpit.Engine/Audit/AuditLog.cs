using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Audit;

/// <summary>Appends to the audit log. Entries are never updated or deleted.</summary>
public sealed class AuditLog(IDbContextFactory<CockpitDbContext> contexts, TimeProvider time)
{
    public async Task WriteAsync(string actor, string action, string? subject = null, string? details = null,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditEntries.Add(NewEntry(actor, action, subject, details));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the entry to a context the caller saves, so the change and its audit line commit together.</summary>
    public void Add(CockpitDbContext db, string actor, string action, string? subject = null, string? details = null) =>
        db.AuditEntries.Add(NewEntry(actor, action, subject, details));

    private AuditEntry NewEntry(string actor, string action, string? subject, string? details) => new()
    {
        At = time.GetUtcNow().UtcDateTime,
        Actor = Truncate(actor, 256),
        Action = action,
        Subject = subject is null ? null : Truncate(subject, 256),
        Details = details is null ? null : Truncate(details, 4000),
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
