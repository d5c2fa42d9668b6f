using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts.Tokens;

/// <summary>Ends a token at once. Its owner may revoke it, and an Admin may revoke anyone's.</summary>
public sealed class RevokeTokenHandler(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task HandleAsync(long tokenId, Actor actor, CancellationToken ct = default)
    {
        TokenAccess.RequireSignedIn(actor, "revoke API tokens");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct)
            ?? throw new CockpitValidationException($"There is no token {tokenId}. Reload the list: it may have been removed.");
        if (!actor.IsIn(Roles.Admin) && token.UserId != await TokenAccess.UserIdAsync(db, actor, ct))
        {
            throw new AccessDeniedException($"{actor.Name} cannot revoke another person's token: this needs the Admin role.");
        }

        if (token.RevokedAt is not null)
        {
            return;
        }

        (token.RevokedAt, token.RevokedBy) = (time.GetUtcNow().UtcDateTime, actor.Name);
        audit.Add(db, actor.Name, AuditActions.TokenRevoked, $"{token.Name} ({token.Prefix}…)", $"token {token.Id}");
        await db.SaveChangesAsync(ct);
    }
}
