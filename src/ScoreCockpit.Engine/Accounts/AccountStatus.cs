using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Audit;

namespace ScoreCockpit.Engine.Accounts;

public sealed record DisableUser(string Email);

public sealed record EnableUser(string Email);

public sealed record UnlockUser(string Email);

/// <summary>
/// Stops an account from signing in, without deleting its history. The new security stamp ends its open sessions at
/// their next validation (within a minute). Admin only; nobody disables themselves nor the last enabled Admin.
/// </summary>
public sealed class DisableUserHandler(IServiceScopeFactory scopes, AuditLog audit, TimeProvider time)
{
    public async Task HandleAsync(DisableUser request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "disable accounts");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await AccountLookup.ByEmailAsync(users, request.Email);
        if (user.DisabledAt is not null)
        {
            return;
        }

        if (string.Equals(user.UserName, actor.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new CockpitValidationException(
                "You cannot disable your own account: another Admin must do it, so nobody locks themselves out by mistake.");
        }

        if (await users.IsInRoleAsync(user, Roles.Admin)
            && !await AccountLookup.AnotherEnabledAdminThanAsync(users, user))
        {
            throw new CockpitValidationException(
                $"{user.Email} is the last enabled Admin. Make someone else Admin first, so the cockpit stays manageable.");
        }

        user.DisabledAt = time.GetUtcNow().UtcDateTime;
        // UpdateSecurityStampAsync saves the user with the new date in the same update.
        IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await audit.WriteAsync(actor.Name, AuditActions.UserDisabled, user.Email, ct: ct);
    }
}

/// <summary>Lets a disabled account sign in again. Admin only.</summary>
public sealed class EnableUserHandler(IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task HandleAsync(EnableUser request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "enable accounts");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await AccountLookup.ByEmailAsync(users, request.Email);
        if (user.DisabledAt is null)
        {
            return;
        }

        user.DisabledAt = null;
        IdentityErrors.ThrowIfFailed(await users.UpdateAsync(user));
        await audit.WriteAsync(actor.Name, AuditActions.UserEnabled, user.Email, ct: ct);
    }
}

/// <summary>Ends a lock-out after repeated failed sign-ins before its 15 minutes are over. Admin only.</summary>
public sealed class UnlockUserHandler(IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task HandleAsync(UnlockUser request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "unlock accounts");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await AccountLookup.ByEmailAsync(users, request.Email);
        if (user.LockoutEnd is null && user.AccessFailedCount == 0)
        {
            return;
        }

        await AccountLockOut.EndAsync(users, user);
        await audit.WriteAsync(actor.Name, AuditActions.UserUnlocked, user.Email, ct: ct);
    }
}
