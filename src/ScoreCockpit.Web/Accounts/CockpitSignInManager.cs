using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Web.Accounts;

/// <summary>
/// Identity's sign-in with the cockpit's rule on top: a disabled account signs in by no path (password, external
/// provider) and its open sessions are refused at their next security stamp validation, even before the stamp changes.
/// </summary>
internal sealed class CockpitSignInManager(
    UserManager<CockpitUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<CockpitUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<CockpitUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CockpitUser> confirmation)
    : SignInManager<CockpitUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(CockpitUser user) =>
        user.DisabledAt is null && await base.CanSignInAsync(user);

    /// <summary>
    /// A disabled account hears that it is disabled only with its right password; a wrong one fails as usual, so the
    /// form tells nothing about an account to someone who does not know its password.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(CockpitUser user, string password, bool lockoutOnFailure)
    {
        if (user.DisabledAt is null)
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }

        return await UserManager.CheckPasswordAsync(user, password) ? SignInResult.NotAllowed : SignInResult.Failed;
    }

    public override async Task<CockpitUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal) =>
        await base.ValidateSecurityStampAsync(principal) is { DisabledAt: null } user ? user : null;
}
