using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts.Tokens;

/// <summary>The summary pages and the API show: never the secret, nor its hash.</summary>
public sealed record TokenSummary(long Id, string Name, string Owner, TokenScope Scope, string Prefix, DateTime CreatedAt,
    DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy)
{
    public static TokenSummary Of(PersonalAccessToken t, string owner) =>
        new(t.Id, t.Name, owner, t.Scope, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedBy);

    public bool IsActiveAt(DateTime now) => RevokedAt is null && ExpiresAt > now;
}

internal static class TokenAccess
{
    /// <summary>Anyone with a role may hold tokens; an account without one can do nothing through them anyway.</summary>
    public static void RequireSignedIn(Actor actor, string action)
    {
        if (actor.Roles.Count == 0)
        {
            throw new AccessDeniedException($"{actor.Name} cannot {action}: the account has no role yet. Ask an Admin to grant one.");
        }
    }

    public static async Task<string> UserIdAsync(CockpitDbContext db, Actor actor, CancellationToken ct)
    {
        var normalized = actor.Name.Trim().ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized)
                .Select(u => u.Id).FirstOrDefaultAsync(ct)
            ?? throw new CockpitValidationException($"Tokens belong to accounts, and there is no account '{actor.Name}'. Sign in as a person to make one.");
    }

    public static string ScopeWord(TokenScope scope) => scope == TokenScope.Run ? "run" : "read";
}
