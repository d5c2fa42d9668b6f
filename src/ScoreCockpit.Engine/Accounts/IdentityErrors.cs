using Microsoft.AspNetCore.Identity;

namespace ScoreCockpit.Engine.Accounts;

internal static class IdentityErrors
{
    /// <summary>Turns Identity's errors into one readable message (a duplicate email is said once, not twice).</summary>
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var errors = result.Errors.ToList();
        if (errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            errors.RemoveAll(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
        }

        if (errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidEmail)))
        {
            errors.RemoveAll(e => e.Code == nameof(IdentityErrorDescriber.InvalidUserName));
        }

        throw new CockpitValidationException(string.Join(" ", errors.Select(e => e.Description)));
    }
}
