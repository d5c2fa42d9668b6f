using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Web.Health;

/// <summary>The cockpit store: a connection opened and <c>SELECT 1</c>, within <see cref="Timeout"/>. Down means the portal cannot work.</summary>
internal sealed class StoreCheck(IDbContextFactory<CockpitDbContext> contexts, StoreSettings store) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(timeout.Token);
            // The bare connection, not EF's commands: a store that is down must not log an error at every probe.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(timeout.Token);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(timeout.Token);
            }
            finally
            {
                await connection.CloseAsync();
            }

            return HealthCheckResult.Healthy("The cockpit store answers.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var advice = store.Provider == StoreProvider.Sqlite
                ? "Check the data folder's cockpit.db file and the disk it is on."
                : "Check that the database server is running and reachable.";
            return new HealthCheckResult(context.Registration.FailureStatus, $"The cockpit store does not answer: {FailureReasons.Of(e, Timeout)}. {advice}");
        }
    }
}
