using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Storage;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>`scorecockpit scheduler --once` fires what is due, and stands by while another scheduler holds the lease.</summary>
public sealed class SchedulerCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_headless_scheduler_fires_a_due_scenario_once_and_stands_by_behind_another_leader()
    {
        Assert.Equal(0, (await _cli.RunAsync("", "init")).ExitCode);
        var file = Path.Combine(_cli.Root, "hourly.json");
        await File.WriteAllTextAsync(file, """
            { "steps": [ { "type": "set-variables", "name": "mark", "variables": [ { "name": "x", "type": "integer", "value": "1" } ] } ],
              "triggers": [ { "type": "hourly", "minute": 0 } ], "catchUp": "latest" }
            """, Ct);
        Assert.Equal(0, (await _cli.RunAsync("", "scenario", "save", "hourly", "--file", file)).ExitCode);
        // Last looked at three hours ago (the scheduler was down): the latest missed hour is due.
        await using (var db = Open())
        {
            await db.Scenarios.ExecuteUpdateAsync(u => u.SetProperty(s => s.ScheduledThrough, s => s.ScheduledThrough.AddHours(-3)), Ct);
        }

        var first = await _cli.RunAsync("", "scheduler", "--once");

        Assert.True(first.ExitCode == 0, first.Error);
        // In the first minutes of an hour the latest due time is that hour, fired on time rather than as a catch-up.
        Assert.Matches(@"hourly \(.*\): run \d+ succeeded", first.Output);
        await using (var db = Open())
        {
            // The latest missed hour ran; the earlier ones are kept as one skipped run (catch-up "latest").
            Assert.Equal(RunStatus.Succeeded, (await db.ScenarioRuns.SingleAsync(r => r.Status != RunStatus.Skipped, Ct)).Status);
            // It handed the lease over as it stopped.
            var lease = await db.SchedulerLeases.SingleAsync(Ct);
            Assert.True(lease.ExpiresAt <= TimeProvider.System.GetUtcNow().UtcDateTime, $"the lease runs until {lease.ExpiresAt:O}");
            await db.Scenarios.ExecuteUpdateAsync(u => u.SetProperty(s => s.ScheduledThrough, s => s.ScheduledThrough.AddHours(-3)), Ct);
            // Another scheduler leads now, for a while.
            await db.SchedulerLeases.ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, "elsewhere:1").SetProperty(l => l.ExpiresAt, l => l.RenewedAt.AddHours(1)), Ct);
        }

        var second = await _cli.RunAsync("", "scheduler", "--once");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.DoesNotContain("hourly", second.Output, StringComparison.Ordinal);
        await using (var db = Open())
        {
            Assert.Equal(1, await db.ScenarioRuns.CountAsync(r => r.Status != RunStatus.Skipped, Ct));
            Assert.Equal("elsewhere:1", (await db.SchedulerLeases.SingleAsync(Ct)).Holder);
        }
    }

    private CockpitDbContext Open() => StoreOptions.CreateContext(StoreSettings.Resolve(null, null, new DataFolder(_cli.DataPath)));

    public void Dispose() => _cli.Dispose();
}
