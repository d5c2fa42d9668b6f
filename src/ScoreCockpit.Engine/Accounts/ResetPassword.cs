using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Audit;

namespace ScoreCockpit.Engine.Accounts;

public sealed record ResetPassword(string Email, string Token, string NewPassword, string ConfirmPassword);

/// <summary>
/// Sets a new password with the token of a reset mail; whoever holds the link may, so it takes no actor. The new
/// security stamp makes the link single-use and ends the account's open sessions; a lock-out ends too, since the
/// person just proved they read the account's mail.
/// </summary>
public sealed class ResetPasswordHandler(IServiceScopeFactory scopes, AuditLog audit)
{
    /// <summary>Whether the link can still be used, so the page says so before a new password is typed.</summary>
    public async Task<bool> IsValidAsync(string? email, string? token)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        return await FindAsync(users, email, token) is { } user
            && await users.VerifyUserTokenAsync(user, ResetTokenProvider.Name, UserManager<CockpitUser>.ResetPasswordTokenPurpose, token!);
    }

    public async Task HandleAsync(ResetPassword request, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await FindAsync(users, request.Email, request.Token) ?? throw InvalidLink();
        if (request.NewPassword != request.ConfirmPassword)
        {
            throw new CockpitValidationException("The two passwords do not match: type the same one twice.");
        }

        var result = await users.ResetPasswordAsync(user, request.Token, request.NewPassword ?? "");
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            throw InvalidLink();
        }

        IdentityErrors.ThrowIfFailed(result);
        await AccountLockOut.EndAsync(users, user);
        await audit.WriteAsync(user.Email!, AuditActions.PasswordReset, user.Email, ct: ct);
    }

    /// <summary>The account, unless it is unknown or disabled: both read as a link that does not work, like a wrong token.</summary>
    private static async Task<CockpitUser?> FindAsync(UserManager<CockpitUser> users, string? email, string? token) =>
        string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(token)
            ? null
            : await users.FindByEmailAsync(email.Trim()) is { DisabledAt: null } user ? user : null;

    private static CockpitValidationException InvalidLink() => new(
        "This reset link does not work any more: it was used already, it expired, or a newer one was sent. " +
        "Ask for a new one under 'Forgot your password?'.");
}
