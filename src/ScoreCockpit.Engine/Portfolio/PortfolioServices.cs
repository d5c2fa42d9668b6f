using Microsoft.Extensions.DependencyInjection;

namespace ScoreCockpit.Engine.Portfolio;

public static class PortfolioServices
{
    public static IServiceCollection AddPortfolio(this IServiceCollection services)
    {
        services.AddSingleton<PortfolioQuery>();
        services.AddSingleton<PortfolioReportHandler>();
        return services;
    }
}
