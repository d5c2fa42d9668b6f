using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Web.Accounts;

/// <summary>
/// Re-checks an open portal session every minute, so a disabled or locked-out user or a role change does not
/// wait for the browser to reload.
/// </summary>
internal sealed class RevalidatingAuthenticationState(
    ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IHostApplicationLifetime stopping)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (stopping.ApplicationStopping.IsCancellationRequested)
        {
            // The portal is shutting down and its services are being disposed: the session ends with it anyway.
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.DisabledAt is not null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        var stamp = state.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return !users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(user);
    }
}
