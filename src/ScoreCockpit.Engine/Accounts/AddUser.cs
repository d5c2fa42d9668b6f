using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Audit;

namespace ScoreCockpit.Engine.Accounts;

public sealed record AddUser(string Email, string Password, IReadOnlyCollection<string> Roles);

/// <summary>Creates an account. Only an Admin (or the system, for the command line) may do it.</summary>
public sealed class AddUserHandler(IServiceScopeFactory scopes, AuditLog audit, TimeProvider time)
{
    public async Task<CockpitUser> HandleAsync(AddUser request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "add users");
        return await CreateAsync(request, actor.Name, ct);
    }

    /// <summary>Shared with the first-admin set-up, which has no signed-in actor yet.</summary>
    internal async Task<CockpitUser> CreateAsync(AddUser request, string actorName, CancellationToken ct)
    {
        var email = request.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            throw new CockpitValidationException("Enter an email address.");
        }

        var roles = Roles.Parse(request.Roles);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = new CockpitUser { UserName = email, Email = email, CreatedAt = time.GetUtcNow().UtcDateTime };
        IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, request.Password ?? ""));
        IdentityErrors.ThrowIfFailed(await users.AddToRolesAsync(user, roles));
        await audit.WriteAsync(actorName, AuditActions.UserCreated, email, $"roles: {string.Join(", ", roles)}", ct);
        return user;
    }
}
