using Microsoft.Extensions.DependencyInjection;

namespace ScoreCockpit.Engine.Quality;

public static class QualityServices
{
    public static IServiceCollection AddQuality(this IServiceCollection services)
    {
        services.AddSingleton<ComputeMetricsHandler>();
        services.AddSingleton<RunChecksHandler>();
        services.AddSingleton<QualityQueries>();
        services.AddSingleton<Reporting.IReportSection, ChecksReportSection>();
        services.AddSingleton<Portfolio.IPortfolioEnrichment, QualityPortfolioStatus>();
        return services;
    }
}
