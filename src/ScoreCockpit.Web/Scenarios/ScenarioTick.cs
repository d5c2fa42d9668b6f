using Coravel;
using Coravel.Invocable;
using Coravel.Queuing.Interfaces;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Scheduling;

namespace ScoreCockpit.Web.Scenarios;

/// <summary>
/// Coravel calls this every minute: the engine's scheduler decides what is due (and what was missed while the portal
/// was down); each scenario's runs go to the queue as one task, so they run one after the other. Where several
/// schedulers share the store (replicas, `scorecockpit scheduler`), only the lease holder fires.
/// </summary>
public sealed class ScenarioTick(
    SchedulerLeadership leadership, ScenarioScheduler scheduler, ScenarioRunner runner, IQueue queue, ILogger<ScenarioTick> logger) : IInvocable
{
    public async Task Invoke()
    {
        if (!await leadership.TryLeadAsync())
        {
            return;
        }

        foreach (var runs in await scheduler.TickAsync())
        {
            queue.QueueAsyncTask(async () =>
            {
                foreach (var start in runs)
                {
                    try
                    {
                        await runner.RunAsync(start, Actor.Of($"scheduler ({start.Scenario})", [.. Roles.All]));
                    }
                    catch (Exception e)
                    {
                        // The run itself records step failures; this is a scenario that could not even start (deleted, unreadable).
                        logger.LogError(e, "Scenario {Scenario} could not start: {Reason}", start.Scenario, e.Message);
                    }
                }
            });
        }
    }
}

public static class ScenarioScheduling
{
    /// <summary>Scenarios fire on their triggers unless Scheduler:Enabled is false (a read-only replica, a test host).</summary>
    public static IServiceCollection AddScenarioScheduling(this IServiceCollection services)
    {
        services.AddScheduler();
        services.AddQueue();
        services.AddTransient<ScenarioTick>();
        return services;
    }

    public static WebApplication UseScenarioScheduling(this WebApplication app)
    {
        if (app.Configuration.GetValue("Scheduler:Enabled", true))
        {
            app.Services.UseScheduler(s => s.Schedule<ScenarioTick>().EveryMinute().PreventOverlapping(nameof(ScenarioTick)));
        }

        return app;
    }
}
