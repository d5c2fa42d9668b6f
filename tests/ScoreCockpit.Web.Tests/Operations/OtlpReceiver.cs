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
    private readonly Lock _gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waits = [];
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
                receiver.Signal();
                // An empty protobuf message is a valid Export*ServiceResponse.
                context.Response.ContentType = "application/x-protobuf";
            });
        }

        await receiver._app.StartAsync(ct);
        receiver.Url = receiver._app.Urls.Single();
        return receiver;
    }

    /// <summary>
    /// Completes once what has arrived satisfies <paramref name="condition"/>: checked now, then at each arrival. The
    /// bound only turns an export that never comes into a failure; the wait ends at the arrival that satisfies it.
    /// </summary>
    public async Task WaitForAsync(Func<bool> condition, string what, TimeSpan bound, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waits.Add((condition, done));
        }

        Signal();
        try
        {
            await done.Task.WaitAsync(bound, ct);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Waited {bound.TotalSeconds:0} s for {what}; received: "
                + string.Join(", ", Received.Select(r => $"{r.Path} ({r.Body.Length} bytes)")));
        }
    }

    private void Signal()
    {
        lock (_gate)
        {
            foreach (var wait in _waits.Where(w => w.Condition()).ToList())
            {
                wait.Done.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
