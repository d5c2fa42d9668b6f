using Microsoft.Extensions.DependencyInjection;

namespace ScoreCockpit.Engine.Reporting;

public static class ReportingServices
{
    /// <summary>
    /// The score report. Extra sheets (the data-quality checks…) join it by registering an
    /// <see cref="IReportSection"/>; they follow the built-in sheets in registration order.
    /// </summary>
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddSingleton<ScoreReportHandler>();
        services.AddSingleton<ForwardPerformanceWorkbook>();
        return services;
    }
}
