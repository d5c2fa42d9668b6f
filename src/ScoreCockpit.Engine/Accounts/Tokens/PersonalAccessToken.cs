namespace ScoreCockpit.Engine.Accounts.Tokens;

/// <summary>What a token lets another tool do. Run implies read.</summary>
public enum TokenScope
{
    Read,
    Run,
}

/// <summary>
/// A personal access token: another tool acts through the API as the person who made it, with that person's current
/// roles. Only the SHA-256 of the secret is kept, so a copy of the store cannot be used to call the API.
/// </summary>
public sealed class PersonalAccessToken
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public TokenScope Scope { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole secret; the only way the API finds the token.</summary>
    public required string SecretHash { get; set; }

    /// <summary>The secret's first characters, so a person can tell their tokens apart without the secret.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool Allows(TokenScope needed) => Scope == TokenScope.Run || needed == TokenScope.Read;

    public bool IsUsableAt(DateTime now) => RevokedAt is null && ExpiresAt > now;
}
