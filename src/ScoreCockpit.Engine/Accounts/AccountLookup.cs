using Microsoft.AspNetCore.Identity;

namespace ScoreCockpit.Engine.Accounts;

internal static class AccountLookup
{
    /// <summary>The account an Admin names, or a refusal that says which email is unknown.</summary>
    public static async Task<CockpitUser> ByEmailAsync(UserManager<CockpitUser> users, string? email) =>
        await users.FindByEmailAsync(email?.Trim() ?? "")
        ?? throw new CockpitValidationException($"No user has the email '{email?.Trim()}'.");

    /// <summary>
    /// The signed-in person's own account. The system and anonymous callers have none, and a disabled account may not
    /// act even while an open page still shows it signed in.
    /// </summary>
    public static async Task<CockpitUser> OwnAsync(UserManager<CockpitUser> users, Actor actor, string action)
    {
        var user = actor == Actor.System ? null : await users.FindByNameAsync(actor.Name);
        if (user is null || user.DisabledAt is not null)
        {
            throw new AccessDeniedException($"{actor.Name} cannot {action}: only a signed-in person can, for their own account.");
        }

        return user;
    }

    /// <summary>
    /// Whether an enabled Admin other than <paramref name="user"/> exists: disabling or demoting the last one would
    /// leave the cockpit with nobody to manage it.
    /// </summary>
    public static async Task<bool> AnotherEnabledAdminThanAsync(UserManager<CockpitUser> users, CockpitUser user) =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => u.Id != user.Id && u.DisabledAt is null);
}
