using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Settings;

/// <summary>Admin settings with their defaults; reading is open, changing is Admin only and audited.</summary>
public sealed class PortalSettings(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const string UploadLimitMegabytes = "upload-limit-mb";
    public const int DefaultUploadLimitMegabytes = 200;

    public async Task<int> GetUploadLimitMegabytesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.PortalSettings.AsNoTracking().Where(s => s.Key == UploadLimitMegabytes).Select(s => s.Value)
            .SingleOrDefaultAsync(ct);
        return int.TryParse(stored, CultureInfo.InvariantCulture, out var limit) ? limit : DefaultUploadLimitMegabytes;
    }

    public async Task SetUploadLimitMegabytesAsync(int megabytes, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "change settings");
        if (megabytes is < 1 or > 10_000)
        {
            throw new CockpitValidationException("The upload limit must be between 1 and 10000 MB.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var setting = await db.PortalSettings.SingleOrDefaultAsync(s => s.Key == UploadLimitMegabytes, ct);
        setting ??= db.PortalSettings.Add(new PortalSetting { Key = UploadLimitMegabytes, Value = "", UpdatedBy = actor.Name }).Entity;
        var before = setting.Value;
        setting.Value = megabytes.ToString(CultureInfo.InvariantCulture);
        setting.UpdatedAt = time.GetUtcNow().UtcDateTime;
        setting.UpdatedBy = actor.Name;
        audit.Add(db, actor.Name, AuditActions.SettingChanged, UploadLimitMegabytes, $"{before} → {setting.Value}");
        await db.SaveChangesAsync(ct);
    }
}
