using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Audit;

namespace ScoreCockpit.Engine.Accounts;

public sealed record SetPassword(string Email, string NewPassword, string ConfirmPassword);

/// <summary>
/// An Admin gives someone a new password: for a person who forgot theirs when no mail server is set, or whose mail is
/// lost. The password rules apply as everywhere; the new security stamp ends the account's open sessions and any reset
/// link already mailed; a lock-out ends too. Admins change their own password from their menu, with the current one.
/// </summary>
public sealed class SetPasswordHandler(IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task HandleAsync(SetPassword request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "set another person's password");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await AccountLookup.ByEmailAsync(users, request.Email);
        if (string.Equals(user.UserName, actor.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new CockpitValidationException(
                "Change your own password from your menu (Change password): it asks for your current one.");
        }

        if (!await users.HasPasswordAsync(user))
        {
            throw new CockpitValidationException(
                $"{user.Email} signs in through the company's identity provider and has no ScoreCockpit password: it is changed there.");
        }

        if (request.NewPassword != request.ConfirmPassword)
        {
            throw new CockpitValidationException("The two passwords do not match: type the same one twice.");
        }

        // Through a reset token rather than remove-then-add: the rules are checked before anything changes, and the
        // change and the new stamp are saved together.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        IdentityErrors.ThrowIfFailed(await users.ResetPasswordAsync(user, token, request.NewPassword ?? ""));
        await AccountLockOut.EndAsync(users, user);
        await audit.WriteAsync(actor.Name, AuditActions.PasswordSet, user.Email, ct: ct);
    }
}
