using Microsoft.AspNetCore.Identity;

namespace ScoreCockpit.Engine.Accounts;

internal static class AccountLockOut
{
    /// <summary>Ends a lock-out now and forgets the failed attempts that led to it.</summary>
    public static async Task EndAsync(UserManager<CockpitUser> users, CockpitUser user)
    {
        IdentityErrors.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
        IdentityErrors.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
    }
}
