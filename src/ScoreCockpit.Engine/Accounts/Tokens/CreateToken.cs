using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts.Tokens;

/// <param name="ExpiresInDays">Null: <see cref="CreateTokenHandler.DefaultDays"/>; at most <see cref="CreateTokenHandler.MaxDays"/>.</param>
public sealed record CreateToken(string Name, TokenScope Scope, int? ExpiresInDays = null);

/// <summary>The new token, with its secret: the only time anyone sees it.</summary>
public sealed record CreatedToken(TokenSummary Token, string Secret);

/// <summary>Makes a token for the person asking. A run-scope token needs the Analyst role.</summary>
public sealed class CreateTokenHandler(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const int DefaultDays = 90;
    public const int MaxDays = 365;
    public const int MaxNameLength = 100;

    public async Task<CreatedToken> HandleAsync(CreateToken request, Actor actor, CancellationToken ct = default)
    {
        TokenAccess.RequireSignedIn(actor, "create API tokens");
        if (request.Scope == TokenScope.Run)
        {
            actor.Require(Roles.Analyst, "create a token that runs scenarios");
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new CockpitValidationException(
                $"Give the token a name of 1 to {MaxNameLength} characters that says which tool uses it (\"nightly export\").");
        }

        var days = request.ExpiresInDays ?? DefaultDays;
        if (days is < 1 or > MaxDays)
        {
            throw new CockpitValidationException($"A token lasts 1 to {MaxDays} days; {days} is outside. Make a new one when it expires.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var userId = await TokenAccess.UserIdAsync(db, actor, ct);
        var secret = TokenSecrets.NewSecret();
        var now = time.GetUtcNow().UtcDateTime;
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = name,
            Scope = request.Scope,
            SecretHash = TokenSecrets.Hash(secret),
            Prefix = TokenSecrets.PrefixOf(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.PersonalAccessTokens.Add(token);
        audit.Add(db, actor.Name, AuditActions.TokenCreated, $"{name} ({token.Prefix}…)",
            $"scope {TokenAccess.ScopeWord(token.Scope)}, expires {token.ExpiresAt:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return new CreatedToken(TokenSummary.Of(token, actor.Name), secret);
    }
}
