using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ScoreCockpit.Engine.Telemetry;

namespace ScoreCockpit.Web.Telemetry;

/// <summary>
/// OpenTelemetry for the portal: the engine's meter and scenario traces plus ASP.NET Core's own. Exported over OTLP only
/// when an endpoint is configured; otherwise no exporter exists and nothing leaves the process.
/// </summary>
public static class PortalTelemetry
{
    public const string EndpointKey = "Telemetry:Otlp:Endpoint";
    public const string ProtocolKey = "Telemetry:Otlp:Protocol";
    public const string ServiceName = "scorecockpit";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration config)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(string.IsNullOrWhiteSpace(config["OTEL_SERVICE_NAME"]) ? ServiceName : config["OTEL_SERVICE_NAME"]!))
            .WithTracing(t => t.AddSource(CockpitTelemetry.SourceName)
                // Probes every few seconds would drown the traces people look for.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health")))
            .WithMetrics(m => m.AddMeter(CockpitTelemetry.MeterName).AddAspNetCoreInstrumentation());

        if (Endpoint(config) is { } endpoint)
        {
            telemetry.UseOtlpExporter(Protocol(config), endpoint);
        }

        return services;
    }

    /// <summary><c>Telemetry:Otlp:Endpoint</c>, else the standard OTEL_EXPORTER_OTLP_ENDPOINT; null: nothing is exported.</summary>
    public static Uri? Endpoint(IConfiguration config)
    {
        var text = config[EndpointKey] is { Length: > 0 } ours ? ours : config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new Engine.Storage.CockpitSetupException(
                $"{EndpointKey} (or OTEL_EXPORTER_OTLP_ENDPOINT) is '{text}', which is not an http:// or https:// address. " +
                "Give the collector's base address, e.g. http://otel-collector:4318, or remove the setting to send nothing.");
    }

    /// <summary>http/protobuf unless <c>grpc</c> is asked (<c>Telemetry:Otlp:Protocol</c> or OTEL_EXPORTER_OTLP_PROTOCOL).</summary>
    private static OtlpExportProtocol Protocol(IConfiguration config) =>
        (config[ProtocolKey] is { Length: > 0 } ours ? ours : config["OTEL_EXPORTER_OTLP_PROTOCOL"])?.Trim().ToLowerInvariant() switch
        {
            null or "" or "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
            "grpc" => OtlpExportProtocol.Grpc,
            var other => throw new Engine.Storage.CockpitSetupException(
                $"{ProtocolKey} (or OTEL_EXPORTER_OTLP_PROTOCOL) is '{other}'. Use http/protobuf (port 4318) or grpc (port 4317)."),
        };
}
