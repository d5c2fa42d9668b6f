using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Audit;

namespace ScoreCockpit.Engine.Accounts;

public sealed record ChangePassword(string CurrentPassword, string NewPassword, string ConfirmPassword);

/// <summary>
/// A person changes their own password, whatever their roles; nobody changes another's. The new security stamp ends
/// the person's other sessions at their next validation (within a minute).
/// </summary>
public sealed class ChangePasswordHandler(IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task HandleAsync(ChangePassword request, Actor actor, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await AccountLookup.OwnAsync(users, actor, "change a password");
        if (!await users.HasPasswordAsync(user))
        {
            throw new CockpitValidationException(
                "Your account signs in through your company's identity provider and has no ScoreCockpit password: change it there.");
        }

        if (request.NewPassword != request.ConfirmPassword)
        {
            throw new CockpitValidationException("The two new passwords do not match: type the same one twice.");
        }

        var result = await users.ChangePasswordAsync(user, request.CurrentPassword ?? "", request.NewPassword ?? "");
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            // Counted like a failed sign-in, so an unattended open session cannot be used to guess the password.
            await users.AccessFailedAsync(user);
            throw new CockpitValidationException(
                "The current password is not right. Type it again; if you forgot it, sign out and use 'Forgot your password?'.");
        }

        IdentityErrors.ThrowIfFailed(result);
        await audit.WriteAsync(actor.Name, AuditActions.PasswordChanged, user.Email, ct: ct);
    }
}
