using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Web.Telemetry;
using Xunit;

namespace ScoreCockpit.Web.Tests.Operations;

/// <summary>OTLP export happens only when an endpoint is configured, and then traces and metrics reach it.</summary>
public sealed class TelemetryExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_an_endpoint_the_portal_sends_its_traces_and_metrics_over_otlp_http()
    {
        await using var receiver = await OtlpReceiver.StartAsync(Ct);
        await using (var portal = new HealthPortal(new Dictionary<string, string>
        {
            [PortalTelemetry.EndpointKey] = receiver.Url,
            // Exported within a second rather than every minute (the SDK's standard settings).
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        }))
        {
            using var page = await portal.CreateClient().GetAsync("/account/signin", Ct);
            page.EnsureSuccessStatusCode();

            // While the portal runs, its exporters keep sending: a busy machine delays them but cannot make them miss.
            await receiver.WaitForAsync(
                () => Has(receiver, "/v1/traces", "/account/signin") && Has(receiver, "/v1/metrics", "http.server.request.duration"),
                "a trace of the sign-in page and the HTTP server metrics", TimeSpan.FromMinutes(2), Ct);
        }

        Assert.All(receiver.Received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Contains(receiver.Received, r => r.Path == "/v1/traces" && Contains(r.Body, PortalTelemetry.ServiceName));
    }

    [Fact]
    public void Without_an_endpoint_no_exporter_is_registered()
    {
        static int Exporters(Dictionary<string, string?> settings)
        {
            var services = new ServiceCollection();
            services.AddPortalTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            return services.Count(d => new[] { d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType() }
                .Where(t => t is not null).SelectMany(t => t!.GetGenericArguments().Append(t!))
                .Any(t => t.Assembly.GetName().Name == "OpenTelemetry.Exporter.OpenTelemetryProtocol"));
        }

        Assert.Equal(0, Exporters(new()));
        Assert.Equal(0, Exporters(new() { [PortalTelemetry.EndpointKey] = "" }));
        Assert.NotEqual(0, Exporters(new() { [PortalTelemetry.EndpointKey] = "http://127.0.0.1:4318" }));
        Assert.NotEqual(0, Exporters(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318" }));
    }

    private static bool Has(OtlpReceiver receiver, string path, string text) =>
        receiver.Received.Any(r => r.Path == path && Contains(r.Body, text));

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
