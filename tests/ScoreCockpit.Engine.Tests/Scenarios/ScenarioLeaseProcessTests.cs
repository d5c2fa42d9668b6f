using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Cli;
using ScoreCockpit.Engine.Tests.Support;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>
/// Two real processes on one store: `scorecockpit scenario run` as host A renews its run's lease; this test process,
/// as host B, sees the run alive while A lives and marks it interrupted once A is killed and its lease has expired.
/// Short leases (renewed every second, for 4 s) keep the test quick.
/// </summary>
public sealed class ScenarioLeaseProcessTests : IDisposable
{
    private const string Definition = """
        {
          "steps": [
            { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ] },
            { "type": "run-sql", "name": "slow prep", "sql": "CREATE TABLE lease_probe AS SELECT count(*) AS n FROM range(20000000000)" },
            { "type": "set-variables", "name": "after", "variables": [ { "name": "done", "type": "integer", "value": "1" } ] }
          ]
        }
        """;

    private static readonly RunLeaseSettings Short = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), "host-b");

    private readonly CliSandbox _sandbox = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_hosts_run_is_alive_while_it_renews_and_interrupted_by_another_host_once_its_lease_expires()
    {
        await CliAsync("init");
        var file = Path.Combine(_sandbox.Root, "lease.json");
        await File.WriteAllTextAsync(file, Definition, Ct);
        await CliAsync("scenario", "save", "lease-probe", "--file", file);
        var data = new DataFolder(_sandbox.DataPath);
        var services = new ServiceCollection();
        services.AddScoreCockpitEngine(data, StoreSettings.Resolve(null, null, data), Short);
        await using var hostB = services.BuildServiceProvider();
        var contexts = hostB.GetRequiredService<IDbContextFactory<CockpitDbContext>>();
        var scheduler = hostB.GetRequiredService<ScenarioScheduler>();

        var start = CliProcess.StartInfo(["--data", _sandbox.DataPath, "scenario", "run", "lease-probe"]);
        (start.Environment["Runs__Host"], start.Environment["Runs__LeaseRenewalSeconds"], start.Environment["Runs__LeaseExpirySeconds"]) = ("host-a", "1", "4");
        using var hostA = Process.Start(start)!;
        try
        {
            var output = hostA.StandardOutput.ReadToEndAsync(Ct);
            string? line;
            do
            {
                line = await hostA.StandardError.ReadLineAsync(Ct);
            }
            while (line is not null && !line.StartsWith("Step 2/3", StringComparison.Ordinal));

            var first = await RunAsync(contexts);
            Assert.Equal((RunStatus.Running, $"host-a:{hostA.Id}"), (first.Status, first.Owner));

            // A renews: the lease moves on, and B's ticks leave the run alone.
            await Wait.UntilAsync(async () => (await RunAsync(contexts)).LeaseExpiresAt > first.LeaseExpiresAt, "host A to renew its lease");
            await scheduler.TickAsync(Ct);
            Assert.Equal(RunStatus.Running, (await RunAsync(contexts)).Status);

            hostA.Kill(entireProcessTree: true);
            await hostA.WaitForExitAsync(Ct);
            Assert.DoesNotContain("Succeeded in", await output, StringComparison.Ordinal);
        }
        finally
        {
            if (!hostA.HasExited)
            {
                hostA.Kill(entireProcessTree: true);
            }
        }

        var lastLease = (await RunAsync(contexts)).LeaseExpiresAt;
        await Wait.UntilAsync(async () =>
        {
            await scheduler.TickAsync(Ct);
            return (await RunAsync(contexts)).Status == RunStatus.Interrupted;
        }, "host B to mark the dead run interrupted");

        var run = await RunAsync(contexts);
        Assert.True(run.FinishedAt >= lastLease, $"Marked interrupted at {run.FinishedAt:O}, before its lease expired at {lastLease:O}.");
        Assert.Equal(("slow prep", StepStatus.Interrupted), (run.FailedStep, run.Steps.Single(s => s.Name == "slow prep").Status));
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _sandbox.Dispose();

    private static async Task<ScenarioRun> RunAsync(IDbContextFactory<CockpitDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync(Ct);
        return await db.ScenarioRuns.AsNoTracking().Include(r => r.Steps).SingleAsync(Ct);
    }

    private async Task CliAsync(params string[] args)
    {
        var result = await CliProcess.RunAsync(["--data", _sandbox.DataPath, .. args]);
        Assert.True(result.ExitCode == 0, $"scorecockpit {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}{result.Output}");
    }
}
