using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Accounts;

public sealed record CreateFirstAdmin(string Email, string Password, string ConfirmPassword);

/// <summary>
/// The one-time set-up on an empty store. It refuses as soon as any account exists, so the page
/// cannot be used to take over a running cockpit.
/// </summary>
public sealed class CreateFirstAdminHandler(IDbContextFactory<CockpitDbContext> contexts, AddUserHandler addUser)
{
    // The first person both administers and analyses: on a fresh install nobody else can do either yet.
    private static readonly string[] FirstRoles = [Roles.Admin, Roles.Analyst];

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<CockpitUser> HandleAsync(CreateFirstAdmin request, CancellationToken ct = default)
    {
        if (request.Password != request.ConfirmPassword)
        {
            throw new CockpitValidationException("The two passwords do not match.");
        }

        await OneAtATime.WaitAsync(ct);
        try
        {
            if (await IsSetUpAsync(ct))
            {
                throw new AccessDeniedException("ScoreCockpit already has accounts. Sign in, or ask an Admin to add you.");
            }

            return await addUser.CreateAsync(new AddUser(request.Email, request.Password, FirstRoles), "setup", ct);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    public async Task<bool> IsSetUpAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(ct);
    }
}
