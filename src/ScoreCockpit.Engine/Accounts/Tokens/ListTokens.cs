using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts.Tokens;

/// <summary>The tokens of the person asking, newest first, revoked and expired ones included.</summary>
public sealed class ListMyTokensHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<IReadOnlyList<TokenSummary>> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        TokenAccess.RequireSignedIn(actor, "list API tokens");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var userId = await TokenAccess.UserIdAsync(db, actor, ct);
        var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
        return tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => TokenSummary.Of(t, actor.Name)).ToList();
    }
}

/// <summary>Every token of every account, for an Admin who must see which tools reach the cockpit and as whom.</summary>
public sealed class ListAllTokensHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<IReadOnlyList<TokenSummary>> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "list every API token");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.PersonalAccessTokens.AsNoTracking()
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, Owner = u.Email ?? u.UserName ?? "" })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.Token.CreatedAt).ThenByDescending(r => r.Token.Id)
            .Select(r => TokenSummary.Of(r.Token, r.Owner)).ToList();
    }
}
