using Microsoft.Extensions.DependencyInjection;

namespace ScoreCockpit.Engine.Evaluation.Comparison;

public static class ComparisonServices
{
    /// <summary>The on-demand comparison; a singleton so its cache of recent comparisons is shared by every page.</summary>
    public static IServiceCollection AddComparison(this IServiceCollection services) =>
        services.AddSingleton<CompareOnDateHandler>();
}
