using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ScoreCockpit.Engine.Accounts;

/// <summary>
/// The token of a password reset link: Identity's data-protection token (when it was made, for whom, for what, and the
/// account's security stamp, encrypted with the store's keys), but timed with the injected clock, since Identity's
/// own provider reads the system clock. Resetting the password changes the stamp, so a link works once.
/// </summary>
public sealed class ResetTokenProvider(IDataProtectionProvider protection, IOptions<ResetTokenOptions> options, TimeProvider time)
    : IUserTwoFactorTokenProvider<CockpitUser>
{
    public const string Name = "CockpitReset";

    private readonly IDataProtector _protector = protection.CreateProtector("ScoreCockpit.Accounts.ResetToken");

    public async Task<string> GenerateAsync(string purpose, UserManager<CockpitUser> manager, CockpitUser user)
    {
        var userId = await manager.GetUserIdAsync(user);
        var stamp = await manager.GetSecurityStampAsync(user);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(time.GetUtcNow().UtcTicks);
            writer.Write(userId);
            writer.Write(purpose ?? "");
            writer.Write(stamp ?? "");
        }

        return Base64Url.EncodeToString(_protector.Protect(buffer.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<CockpitUser> manager, CockpitUser user)
    {
        string userId, tokenPurpose, stamp;
        DateTimeOffset created;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_protector.Unprotect(Base64Url.DecodeFromChars(token))), Encoding.UTF8);
            created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            userId = reader.ReadString();
            tokenPurpose = reader.ReadString();
            stamp = reader.ReadString();
        }
        catch (Exception e) when (e is CryptographicException or FormatException or EndOfStreamException or ArgumentException)
        {
            // Altered, truncated or made with other keys: simply not a valid link.
            return false;
        }

        return created + options.Value.Lifetime >= time.GetUtcNow()
            && userId == await manager.GetUserIdAsync(user)
            && tokenPurpose == purpose
            && stamp == (await manager.GetSecurityStampAsync(user) ?? "");
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<CockpitUser> manager, CockpitUser user) => Task.FromResult(false);
}

/// <summary>How long a password reset link works: <c>Accounts:ResetTokenLifetime</c>, 30 minutes unless set.</summary>
public sealed class ResetTokenOptions
{
    public const string Setting = "Accounts:ResetTokenLifetime";

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(30);

    public TimeSpan Lifetime { get; set; } = DefaultLifetime;

    /// <summary>The lifetime for the setting ("00:30:00", or minutes as a number); empty means the default.</summary>
    public static TimeSpan Resolve(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return DefaultLifetime;
        }

        var parsed = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) ? span : TimeSpan.Zero;
        return parsed >= TimeSpan.FromMinutes(1) && parsed <= TimeSpan.FromDays(1)
            ? parsed
            : throw new Storage.CockpitSetupException(
                $"The setting {Setting} = '{text}' is not a duration between 1 minute and 1 day: give minutes (30) or hh:mm:ss (00:30:00).");
    }
}
