using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts;

public sealed record RequestPasswordReset(string Email);

/// <summary>
/// "Forgot your password?": mails a one-time link to the account's own address. Anyone may ask, signed in or not, so
/// it takes no actor. Nothing it returns depends on whether the account exists, and the mail leaves in the background,
/// so neither the answer nor its timing tells. One mail per account every <see cref="MailInterval"/>, so the form
/// cannot flood a mailbox.
/// </summary>
public sealed class RequestPasswordResetHandler(
    IServiceScopeFactory scopes, IDbContextFactory<CockpitDbContext> contexts, MailSettingsHandler mailSettings, MailSender sender,
    AuditLog audit, TimeProvider time, CockpitCulture installation, IOptions<ResetTokenOptions> options,
    ILogger<RequestPasswordResetHandler> logger)
{
    public static readonly TimeSpan MailInterval = TimeSpan.FromMinutes(2);

    /// <summary>What the audit log says about each request: stable strings, also used to throttle.</summary>
    internal const string Mailed = "mail sent";
    internal const string NoAccount = "no account";
    internal const string Disabled = "account disabled";
    internal const string Throttled = "no mail: one was sent less than 2 minutes ago";

    private static readonly System.Resources.ResourceManager Resources = new(typeof(ResetMailText));

    /// <summary>Whether links can be mailed: a mail server and the portal's address are set under Admin → Settings.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken ct = default) =>
        await mailSettings.GetAsync(ct) is { PortalBaseUrl.Length: > 0 };

    public async Task HandleAsync(RequestPasswordReset request, CancellationToken ct = default)
    {
        var email = request.Email?.Trim() ?? "";
        if (!MailAddresses.IsValid(email))
        {
            throw new CockpitValidationException("Enter the email address you sign in with, like you@example.com.");
        }

        var settings = await mailSettings.GetAsync(ct);
        if (settings is not { PortalBaseUrl.Length: > 0 })
        {
            throw new CockpitValidationException(
                "No mail server is set, so no reset link can be mailed: ask an Admin to help you back into your account.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await users.FindByEmailAsync(email);
        var outcome = user switch
        {
            null => NoAccount,
            { DisabledAt: not null } => Disabled,
            _ when await MailedRecentlyAsync(user.Email!, ct) => Throttled,
            _ => Mailed,
        };
        MailMessageDraft? draft = null;
        if (outcome == Mailed)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user!);
            draft = Compose(user!, settings.PortalBaseUrl, token);
        }

        await audit.WriteAsync("anonymous", AuditActions.PasswordResetRequested, user?.Email ?? email, outcome, ct);
        if (draft is not null)
        {
            _ = Task.Run(() => SendAsync(draft), CancellationToken.None);
        }
    }

    private async Task<bool> MailedRecentlyAsync(string email, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime - MailInterval;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditEntries.AnyAsync(
            e => e.Action == AuditActions.PasswordResetRequested && e.Subject == email && e.Details == Mailed && e.At > since, ct);
    }

    private MailMessageDraft Compose(CockpitUser user, string portal, string token)
    {
        var texts = new Texts(Resources, MailLanguage.For(user.Language, installation));
        var link = $"{portal.TrimEnd('/')}/account/reset?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}";
        var lifetime = HumanDuration.Format(options.Value.Lifetime, texts.Culture);
        return new MailMessageDraft([user.Email!], texts["Subject"], texts.Format("Body", user.Email, lifetime, link, portal), null);
    }

    private async Task SendAsync(MailMessageDraft draft)
    {
        try
        {
            await sender.SendAsync(draft, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Nobody waits for this mail on a page: the log and the audit log say why it did not leave.
            logger.LogError(e, "The password reset mail to {Email} could not be sent", draft.To[0]);
            await audit.WriteAsync("system", AuditActions.PasswordResetRequested, draft.To[0], $"mail failed: {e.Message}");
        }
    }
}
