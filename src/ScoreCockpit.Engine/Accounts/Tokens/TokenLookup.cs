using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts.Tokens;

/// <summary>A token that may be used now, and whose account it acts for.</summary>
public sealed record UsableToken(long Id, string UserId, string Name, TokenScope Scope);

/// <summary>
/// Finds the token a request presents. It is the authentication itself, so it takes no actor: it only answers
/// whether the secret names a live token.
/// </summary>
public sealed class TokenLookup(IDbContextFactory<CockpitDbContext> contexts, TimeProvider time)
{
    /// <summary>A token busy with many calls a minute is written to once a minute, not on every call.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<UsableToken?> FindAsync(string secret, CancellationToken ct = default)
    {
        if (!TokenSecrets.LooksLikeToken(secret))
        {
            return null;
        }

        var hash = TokenSecrets.Hash(secret);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.SecretHash == hash, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (token is null || !token.IsUsableAt(now))
        {
            return null;
        }

        if (token.LastUsedAt is not { } last || now - last >= LastUsedPrecision)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return new UsableToken(token.Id, token.UserId, token.Name, token.Scope);
    }
}
