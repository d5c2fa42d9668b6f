using Microsoft.Extensions.DependencyInjection;

namespace ScoreCockpit.Engine.Alerts;

public static class AlertServices
{
    /// <summary>Mail settings and the sender; alert composition is static and needs nothing registered.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<MailSettingsHandler>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<Scenarios.Running.IRunObserver, ScenarioAlerts>();
        return services;
    }
}
