using System.Security.Cryptography;
using System.Text;

namespace ScoreCockpit.Engine.Accounts.Tokens;

/// <summary>
/// How a token's secret is made and recognised. 32 random bytes make guessing hopeless, so a plain SHA-256 (no salt,
/// no stretching) is enough and lets the API find a token by its hash in one indexed lookup.
/// </summary>
public static class TokenSecrets
{
    /// <summary>Marks the secret as a ScoreCockpit token, so secret scanners and people recognise a leaked one.</summary>
    public const string Marker = "sc_pat_";

    /// <summary>The marker and four characters: enough to tell tokens apart, far too little to guess the rest.</summary>
    public const int PrefixLength = 11;

    public static string NewSecret() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string PrefixOf(string secret) => secret[..Math.Min(PrefixLength, secret.Length)];

    public static bool LooksLikeToken(string? value) => value is not null && value.StartsWith(Marker, StringComparison.Ordinal)
        && value.Length is > PrefixLength and < 200;
}
