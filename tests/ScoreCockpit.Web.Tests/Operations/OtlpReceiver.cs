using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ScoreCockpit.Web.Tests.Operations;

/// <summary>A tiny OTLP/HTTP collector on a loopback port: it keeps what arrives at /v1/traces and /v1/metrics.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Received { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync(CancellationToken ct)
    {
        var receiver = new OtlpReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        receiver._app = builder.Build();
        foreach (var path in new[] { "/v1/traces", "/v1/metrics", "/v1/logs" })
        {
            receiver._app.MapPost(path, async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                receiver.Received.Enqueue((path, context.Request.ContentType, body.ToArray()));
                // An empty protobuf message is a valid Export*ServiceResponse.
                context.Response.ContentType = "application/x-protobuf";
            });
        }

        await receiver._app.StartAsync(ct);
        receiver.Url = receiver._app.Urls.Single();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
