using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts;

/// <param name="HasPassword">False for an account that signs in only through the company's identity provider.</param>
public sealed record UserSummary(
    string Email, IReadOnlyList<string> Roles, DateTime CreatedAt, DateTime? LockedOutUntil, DateTime? DisabledAt = null,
    bool HasPassword = true);

/// <summary>Every account with its roles, for the Admin page.</summary>
public sealed class ListUsersHandler(IDbContextFactory<CockpitDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<UserSummary>> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "list users");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.CreatedAt, u.LockoutEnd, u.DisabledAt, HasPassword = u.PasswordHash != null }).ToListAsync(ct);
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name ?? "", ct);
        var links = await db.UserRoles.AsNoTracking().ToListAsync(ct);
        var now = time.GetUtcNow();

        return users.Select(u => new UserSummary(
            u.Email ?? "",
            links.Where(l => l.UserId == u.Id).Select(l => roleNames[l.RoleId]).Order().ToList(),
            u.CreatedAt,
            u.LockoutEnd > now ? u.LockoutEnd.Value.UtcDateTime : null,
            u.DisabledAt,
            u.HasPassword)).ToList();
    }
}
