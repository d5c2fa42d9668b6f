using Microsoft.AspNetCore.Hosting;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.Web.Tests.Operations;

/// <summary>The real portal with extra settings (a PostgreSQL store, an OTLP endpoint, no readiness cache).</summary>
public sealed class HealthPortal(IReadOnlyDictionary<string, string> settings) : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
