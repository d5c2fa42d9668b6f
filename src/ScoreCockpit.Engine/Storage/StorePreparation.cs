using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Storage;

/// <summary>Brings the cockpit store up to date at start-up: migrations, the fixed roles, and runs a dead process left running.</summary>
public static class StorePreparation
{
    public static async Task PrepareCockpitStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<StoreSettings>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ScoreCockpit.Store");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CockpitDbContext>();
        try
        {
            // Migrating checks the model against the migrations' snapshot, which costs every command a second model
            // and half a second; a store with nothing pending skips it.
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await db.Database.MigrateAsync(ct);
            }
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            throw new CockpitSetupException(
                $"Cannot open the cockpit store ({store.Provider}, {store.Redacted}): {Innermost(e).Message.TrimEnd('.')}. " +
                "Check Store:Provider and Store:ConnectionString, and that the database server is reachable.",
                e);
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var interrupted = await Scoring.InterruptedRuns.MarkAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} run(s) whose lease had expired (their process stopped) were marked interrupted", interrupted);
        }

        logger.LogInformation("Cockpit store ready ({Provider}, {Store})", store.Provider, store.Redacted);
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
