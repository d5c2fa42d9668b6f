using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Scheduling;

namespace ScoreCockpit.Cli.Scenarios;

/// <summary>
/// `scorecockpit scheduler [--once]`: the scenario scheduler without the portal (a Deployment of its own, a service).
/// Any number may run on one store: the leader lease lets one fire each due time, and another takes over within the
/// lease's expiry when it stops.
/// </summary>
public static class SchedulerCommand
{
    public static Command Create(CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Tick once, wait for the runs it started, and exit (for cron or a test)." };
        var command = new Command("scheduler",
            "Fire scenarios on their triggers, every minute, until stopped. Start several for high availability: one leads at a time.")
        { once };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var leadership = host.Get<SchedulerLeadership>();
            var time = host.Get<TimeProvider>();
            var runs = new List<Task>();
            var output = TextWriter.Synchronized(context.Console.Out);
            await output.WriteLineAsync($"Scheduler {leadership.Holder} started{(parse.GetValue(once) ? " for one tick" : ", ticking every minute")}.");
            try
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
                do
                {
                    runs.RemoveAll(r => r.IsCompleted);
                    runs.AddRange(await TickAsync(host.Services, leadership, output, ct));
                }
                while (!parse.GetValue(once) && await timer.WaitForNextTickAsync(ct));
                await Task.WhenAll(runs);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopped (Ctrl+C, SIGTERM): the runs in flight are cancelled; their leases lapse and the next leader retries them.
            }
            finally
            {
                // Hand over now rather than after the expiry, so no due time waits for this one's lease to lapse.
                await leadership.StepDownAsync(CancellationToken.None);
            }

            await output.WriteLineAsync($"Scheduler {leadership.Holder} stopped.");
        });
        return command;
    }

    /// <summary>One tick as leader: each scenario's due runs start one after the other, scenarios side by side.</summary>
    private static async Task<IReadOnlyList<Task>> TickAsync(IServiceProvider services, SchedulerLeadership leadership, TextWriter output, CancellationToken ct)
    {
        if (!await leadership.TryLeadAsync(ct))
        {
            return [];
        }

        var runner = services.GetRequiredService<ScenarioRunner>();
        var started = new List<Task>();
        foreach (var scenarioRuns in await services.GetRequiredService<ScenarioScheduler>().TickAsync(ct))
        {
            started.Add(Task.Run(async () =>
            {
                foreach (var start in scenarioRuns)
                {
                    try
                    {
                        var run = await runner.RunAsync(start, Actor.Of($"scheduler ({start.Scenario})", [.. Roles.All]), ct);
                        await output.WriteLineAsync($"{start.Scenario} ({start.Trigger}): run {run.Id} {run.Status.ToString().ToLowerInvariant()}" +
                            (run.Failure is null ? "" : $": {run.Failure}"));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A scenario that cannot even start (deleted, unreadable) must not stop the others.
                        await output.WriteLineAsync($"{start.Scenario}: could not start: {e.Message}");
                    }
                }
            }, ct));
        }

        return started;
    }
}
