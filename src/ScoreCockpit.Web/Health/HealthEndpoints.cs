using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ScoreCockpit.Web.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (store, warehouses, scheduler heartbeat), for
/// probes: anonymous, JSON, no secret. 200 while healthy or degraded, 503 when unhealthy (the store is down).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string LiveTag = "live";

    /// <summary>How long a readiness report is reused, in seconds (default 5; 0 checks at every request).</summary>
    public const string ReadyCacheKey = "Health:ReadyCacheSeconds";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services, IConfiguration config)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The portal answers."), [LiveTag])
            .AddCheck<StoreCheck>("store", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<SchedulerHeartbeatCheck>("scheduler", HealthStatus.Degraded, [ReadyTag]);
        services.AddSingleton<SchedulerHeartbeatCheck>();
        services.AddSingleton<WarehouseChecks>();
        var cache = TimeSpan.FromSeconds(Math.Max(0, config.GetValue(ReadyCacheKey, 5.0)));
        services.AddSingleton(s => new ReadyProbe(s.GetRequiredService<HealthCheckService>(), s.GetRequiredService<WarehouseChecks>(),
            s.GetRequiredService<TimeProvider>(), cache));
        return services;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        // Created now, so the heartbeat check knows when this process started.
        app.Services.GetRequiredService<SchedulerHeartbeatCheck>();
        var health = app.MapGroup("/health").AllowAnonymous();
        health.MapGet("/live", async (HttpContext context, HealthCheckService checks) =>
        {
            var report = await checks.CheckHealthAsync(r => r.Tags.Contains(LiveTag), context.RequestAborted);
            await HealthJson.WriteAsync(context, report, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        });
        health.MapGet("/ready", async (HttpContext context, ReadyProbe probe) =>
        {
            var (report, at) = await probe.GetAsync(context.RequestAborted);
            await HealthJson.WriteAsync(context, report, at);
        });
        return app;
    }
}
