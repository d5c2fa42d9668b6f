using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Audit;

namespace ScoreCockpit.Engine.Accounts;

public sealed record ChangeUserRoles(string Email, IReadOnlyCollection<string> Roles);

/// <summary>Replaces a user's roles. Admin only; the last Admin cannot lose the role.</summary>
public sealed class ChangeUserRolesHandler(IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task HandleAsync(ChangeUserRoles request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "change roles");
        var wanted = Roles.Parse(request.Roles);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await users.FindByEmailAsync(request.Email)
            ?? throw new CockpitValidationException($"No user has the email '{request.Email}'.");
        var current = await users.GetRolesAsync(user);

        if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin)
            && !await AccountLookup.AnotherEnabledAdminThanAsync(users, user))
        {
            throw new CockpitValidationException(
                $"{request.Email} is the last Admin. Make someone else Admin first, so the cockpit stays manageable.");
        }

        var removed = current.Except(wanted).ToList();
        var added = wanted.Except(current).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return;
        }

        IdentityErrors.ThrowIfFailed(await users.RemoveFromRolesAsync(user, removed));
        IdentityErrors.ThrowIfFailed(await users.AddToRolesAsync(user, added));
        // A new stamp makes open sessions pick up the new roles at their next validation.
        IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        var details = $"{string.Join(", ", current.Order())} → {string.Join(", ", wanted.Order())}";
        await audit.WriteAsync(actor.Name, AuditActions.RolesChanged, request.Email, details, ct);
    }
}
