using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts;

/// <summary>
/// The actor for an existing account, for headless callers that act on a person's behalf (`--as EMAIL`): the
/// history then names that person instead of the system, and their own roles are checked.
/// </summary>
public sealed class AccountActor(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<Actor> ForEmailAsync(string email, CancellationToken ct = default)
    {
        var normalized = email?.Trim().ToUpperInvariant() ?? "";
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.Email }).SingleOrDefaultAsync(ct)
            ?? throw new CockpitValidationException(
                $"There is no account '{email?.Trim()}'. Give the email of an existing user (scorecockpit users list).");
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           where link.UserId == user.Id
                           select role.Name!).ToListAsync(ct);
        return new Actor(user.Email ?? email!.Trim(), roles.ToHashSet(StringComparer.Ordinal));
    }
}
