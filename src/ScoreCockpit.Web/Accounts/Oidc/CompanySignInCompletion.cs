using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Web.Localization;

namespace ScoreCockpit.Web.Accounts.Oidc;

/// <summary>
/// Turns the identity provider's answer into a cockpit session: the account found or created by email, linked to
/// the provider's subject, its roles set to exactly what the provider's claim values give.
/// </summary>
internal sealed class CompanySignInCompletion(
    CompanySignIn company, UserManager<CockpitUser> users, SignInManager<CockpitUser> signIns, AuditLog audit, TimeProvider time)
{
    /// <summary>The actor the audit log names for changes made on the provider's word.</summary>
    public const string Actor = "company sign-in";

    public async Task<IResult> CompleteAsync(HttpContext http, string? returnUrl)
    {
        var settings = company.Settings!;
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // The external cookie has done its job whatever the outcome.
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null)
        {
            return Results.LocalRedirect("/account/signin?companyFailed=true");
        }

        var principal = external.Principal;
        var subject = principal.FindFirstValue("sub");
        var email = EmailOf(principal, settings);
        if (string.IsNullOrEmpty(subject) || email is null)
        {
            await audit.WriteAsync(email ?? subject ?? "unknown", AuditActions.CompanySignInRefused, email,
                $"the provider gave no {(subject is null ? "subject" : $"{settings.EmailClaim} or preferred_username claim")}");
            return Refused(RefusalReason.NoEmail);
        }

        var roles = settings.RolesFor(principal.FindAll(settings.RoleClaim).Select(c => c.Value));
        if (roles.Count == 0)
        {
            await audit.WriteAsync(email, AuditActions.CompanySignInRefused, email,
                $"no value of the {settings.RoleClaim} claim maps to a role");
            return Refused(RefusalReason.NoGroup);
        }

        var user = await users.FindByLoginAsync(OidcSettings.Scheme, subject);
        var link = user is null;
        if (user is null)
        {
            user = await users.FindByEmailAsync(email);
            if (user is not null && !await MayLinkAsync(user, principal))
            {
                await audit.WriteAsync(email, AuditActions.CompanySignInRefused, email,
                    "the account is linked to another company identity, or the provider says the email is not verified");
                return Refused(RefusalReason.OtherIdentity);
            }
        }

        // A disabled account stays out whichever way its owner comes, and is not linked or changed on the way.
        if (user is not null && !await MaySignInAsync(user))
        {
            await audit.WriteAsync(email, AuditActions.CompanySignInRefused, email, "the account is disabled or locked");
            return Refused(RefusalReason.Disabled);
        }

        user ??= await CreateAsync(email, roles);
        if (link)
        {
            Check(await users.AddLoginAsync(user, new UserLoginInfo(OidcSettings.Scheme, subject, settings.DisplayName)));
            await audit.WriteAsync(Actor, AuditActions.CompanyLoginLinked, email, $"subject {subject}");
        }

        await SetRolesAsync(user, roles);
        var properties = new AuthenticationProperties();
        properties.Items[OidcSignOut.ViaItem] = OidcSettings.Scheme;
        await signIns.SignInAsync(user, properties, authenticationMethod: OidcSettings.Scheme);
        await audit.WriteAsync(user.Email ?? email, AuditActions.SignIn, details: $"through {settings.DisplayName}");
        if (user.Language is not null)
        {
            PortalCultures.Remember(http.Response, user.Language);
        }

        return Results.LocalRedirect(ReturnUrls.Safe(returnUrl));
    }

    private async Task<bool> MaySignInAsync(CockpitUser user) =>
        !await users.IsLockedOutAsync(user) && await signIns.CanSignInAsync(user);

    private static string? EmailOf(ClaimsPrincipal principal, OidcSettings settings)
    {
        var email = principal.FindFirstValue(settings.EmailClaim);
        if (string.IsNullOrWhiteSpace(email))
        {
            // Entra ID often leaves email empty and puts the address in preferred_username.
            email = principal.FindFirstValue("preferred_username");
        }

        return email is not null && email.Contains('@', StringComparison.Ordinal) ? email.Trim() : null;
    }

    /// <summary>
    /// An existing account may be linked once, and only on a verified email: otherwise whoever can set that email
    /// at the provider would take the account over.
    /// </summary>
    private async Task<bool> MayLinkAsync(CockpitUser user, ClaimsPrincipal principal)
    {
        var logins = await users.GetLoginsAsync(user);
        return !logins.Any(l => l.LoginProvider == OidcSettings.Scheme)
            && !string.Equals(principal.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<CockpitUser> CreateAsync(string email, IReadOnlyList<string> roles)
    {
        // No password: this person signs in through the provider only.
        var user = new CockpitUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
        Check(await users.CreateAsync(user));
        await audit.WriteAsync(Actor, AuditActions.UserCreated, email, $"roles: {string.Join(", ", roles)}");
        return user;
    }

    /// <summary>The provider is the source of truth: roles granted in the portal do not survive the next sign-in.</summary>
    private async Task SetRolesAsync(CockpitUser user, IReadOnlyList<string> wanted)
    {
        var current = await users.GetRolesAsync(user);
        if (current.ToHashSet(StringComparer.Ordinal).SetEquals(wanted))
        {
            return;
        }

        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(current)));
        // Other open sessions of this person pick up the new roles at their next validation.
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.WriteAsync(Actor, AuditActions.RolesChanged, user.Email,
            $"{string.Join(", ", current.Order())} → {string.Join(", ", wanted)}");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Company sign-in could not update the account: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static IResult Refused(string reason) => Results.LocalRedirect($"/account/company/refused/{reason}");
}

/// <summary>Why a company sign-in was refused; each has its own explanation on the refusal page.</summary>
public static class RefusalReason
{
    public const string NoGroup = "no-group";
    public const string NoEmail = "no-email";
    public const string Disabled = "disabled";
    public const string OtherIdentity = "other-identity";
}
