using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>The mail server settings plus the stored password, for the engine only.</summary>
internal sealed record MailServer(MailSettings Settings, string? Password);

/// <summary>
/// The outgoing mail server, kept in the portal settings under "mail-…" keys. The password is encrypted
/// with Data Protection like warehouse connection strings and never shown back.
/// </summary>
public sealed class MailSettingsHandler(
    IDbContextFactory<CockpitDbContext> contexts, IDataProtectionProvider protection, AuditLog audit, TimeProvider time)
{
    internal const string HostKey = "mail-host";
    internal const string PortKey = "mail-port";
    internal const string SecurityKey = "mail-security";
    internal const string UserNameKey = "mail-username";
    internal const string PasswordKey = "mail-password";
    internal const string FromKey = "mail-from";
    internal const string PortalBaseUrlKey = "mail-portal-url";
    internal const string RecipientsKey = "mail-recipients";

    private static readonly string[] Keys =
        [HostKey, PortKey, SecurityKey, UserNameKey, PasswordKey, FromKey, PortalBaseUrlKey, RecipientsKey];

    private readonly IDataProtector _protector = protection.CreateProtector("ScoreCockpit.MailSettings");

    /// <summary>The stored settings without the password, or null while no Admin has set a mail server.</summary>
    public async Task<MailSettings?> GetAsync(CancellationToken ct = default) => (await ReadAsync(ct))?.Settings;

    internal async Task<MailServer?> ResolveAsync(CancellationToken ct)
    {
        var stored = await ReadAsync(ct);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return stored with { Password = stored.Password is null ? null : _protector.Unprotect(stored.Password) };
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CockpitSetupException(
                "The mail server password cannot be decrypted: the keys in the cockpit store do not match it. " +
                "An Admin must enter it again under Admin → Settings.", e);
        }
    }

    public async Task SaveAsync(MailSettingsInput input, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "change the mail settings");
        var valid = MailSettingsValidation.Validate(input);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.PortalSettings.Where(s => Keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, ct);
        var values = new Dictionary<string, string?>
        {
            [HostKey] = valid.Host,
            [PortKey] = valid.Port.ToString(CultureInfo.InvariantCulture),
            [SecurityKey] = valid.Security.ToString(),
            [UserNameKey] = valid.UserName,
            [FromKey] = valid.From,
            [PortalBaseUrlKey] = valid.PortalBaseUrl,
            [RecipientsKey] = string.Join(", ", valid.DefaultRecipients),
        };
        var password = "kept";
        if (input.ClearPassword)
        {
            values[PasswordKey] = null;
            password = stored.ContainsKey(PasswordKey) ? "cleared" : "none";
        }
        else if (!string.IsNullOrEmpty(input.Password))
        {
            values[PasswordKey] = _protector.Protect(input.Password);
            password = "replaced";
        }
        else if (!stored.ContainsKey(PasswordKey))
        {
            password = "none";
        }

        foreach (var (key, value) in values)
        {
            Put(db, stored, key, value, actor);
        }

        // The secret never reaches the audit log: only whether it changed.
        audit.Add(db, actor.Name, AuditActions.SettingChanged, "mail",
            $"{valid.Host}:{valid.Port} {valid.Security}, from {valid.From}, user {valid.UserName ?? "none"}, password {password}, " +
            $"{valid.DefaultRecipients.Count} default recipient(s)");
        await db.SaveChangesAsync(ct);
    }

    private void Put(CockpitDbContext db, Dictionary<string, PortalSetting> stored, string key, string? value, Actor actor)
    {
        stored.TryGetValue(key, out var setting);
        if (string.IsNullOrEmpty(value))
        {
            if (setting is not null)
            {
                db.PortalSettings.Remove(setting);
            }

            return;
        }

        setting ??= db.PortalSettings.Add(new PortalSetting { Key = key, Value = "", UpdatedBy = actor.Name }).Entity;
        setting.Value = value;
        setting.UpdatedAt = time.GetUtcNow().UtcDateTime;
        setting.UpdatedBy = actor.Name;
    }

    private async Task<MailServer?> ReadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.PortalSettings.AsNoTracking().Where(s => Keys.Contains(s.Key)).ToListAsync(ct);
        var stored = rows.ToDictionary(s => s.Key, s => s.Value);
        if (!stored.TryGetValue(HostKey, out var host))
        {
            return null;
        }

        var security = Enum.TryParse<MailSecurity>(stored.GetValueOrDefault(SecurityKey), out var s) ? s : MailSecurity.Auto;
        var port = int.TryParse(stored.GetValueOrDefault(PortKey), CultureInfo.InvariantCulture, out var p)
            ? p
            : MailSettings.DefaultPort(security);
        var latest = rows.MaxBy(r => r.UpdatedAt)!;
        var settings = new MailSettings(host, port, security, stored.GetValueOrDefault(UserNameKey), stored.ContainsKey(PasswordKey),
            stored.GetValueOrDefault(FromKey) ?? "", stored.GetValueOrDefault(PortalBaseUrlKey) ?? "",
            MailAddresses.Split(stored.GetValueOrDefault(RecipientsKey)), latest.UpdatedAt, latest.UpdatedBy);
        return new MailServer(settings, stored.GetValueOrDefault(PasswordKey));
    }
}
