using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Units.Kubernetes;

/// <summary>
/// The part of a Kubernetes API server the unit executor uses, on a free loopback port: Jobs (create, delete, watch),
/// pods (list, watch, log), events (list). Each created Job gets one pod, which <see cref="Script"/> then drives for that
/// attempt, as the Job controller and the kubelet would. Watches start with the current state, then stay open.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    public const string Namespace = "units";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, V1Job> _jobs = [];
    private readonly Dictionary<string, FakePod> _pods = [];
    private readonly List<Corev1Event> _events = [];
    private readonly List<(string Resource, Func<IKubernetesObject<V1ObjectMeta>, bool> Matches, Channel<string> Lines)> _watchers = [];
    private readonly List<Task> _scripts = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication _app = null!;

    private FakeKubernetesApi()
    {
    }

    public string Url { get; private set; } = "";

    /// <summary>What the pod of attempt n (0 for the first Job) does.</summary>
    public Func<int, FakePod, Task> Script { get; init; } = (_, _) => Task.CompletedTask;

    /// <summary>Like a cluster before 1.27: pods carry only the legacy job-name label.</summary>
    public bool LegacyLabels { get; init; }

    /// <summary>Answer Job creation with 403 Forbidden (a ServiceAccount without the Role) or 401 Unauthorized (an expired token).</summary>
    public HttpStatusCode? RefuseJobs { get; init; }

    public List<V1Job> Created { get; } = [];

    /// <summary>Each DELETE of a Job: "name?propagationPolicy=Background".</summary>
    public List<string> Deleted { get; } = [];

    public KubernetesClientConfiguration Configuration => new() { Host = Url, Namespace = Namespace };

    public static async Task<FakeKubernetesApi> StartAsync(Func<int, FakePod, Task> script, bool legacyLabels = false,
        HttpStatusCode? refuseJobs = null)
    {
        var api = new FakeKubernetesApi { Script = script, LegacyLabels = legacyLabels, RefuseJobs = refuseJobs };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        api._app = builder.Build();
        api.Map(api._app);
        await api._app.StartAsync(TestContext.Current.CancellationToken);
        api.Url = api._app.Urls.Single();
        return api;
    }

    /// <summary>A script that failed (waited in vain, say) fails the test with its own reason.</summary>
    public async Task ScriptsDoneAsync() => await Task.WhenAll(_scripts).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    private void Map(WebApplication app)
    {
        const string batch = "/apis/batch/v1/namespaces/{ns}";
        const string core = "/api/v1/namespaces/{ns}";
        app.MapPost($"{batch}/jobs", CreateJobAsync);
        app.MapDelete($"{batch}/jobs/{{name}}", DeleteJobAsync);
        app.MapGet($"{batch}/jobs", ctx =>
            WatchAsync(ctx, "jobs", Selector.Of<V1Job>(ctx.Request.Query["fieldSelector"], j => new Dictionary<string, string> { ["metadata.name"] = j.Metadata.Name })));
        app.MapGet($"{core}/pods", ctx => ctx.Request.Query["watch"] == "true"
            ? WatchAsync(ctx, "pods", Selector.Of<V1Pod>(ctx.Request.Query["labelSelector"], p => p.Metadata.Labels))
            : ListPodsAsync(ctx));
        app.MapGet($"{core}/pods/{{name}}/log", LogAsync);
        app.MapGet($"{core}/events", ListEventsAsync);
    }

    private async Task CreateJobAsync(HttpContext ctx)
    {
        if (RefuseJobs == HttpStatusCode.Forbidden)
        {
            var refusal = "jobs.batch is forbidden: User \"system:serviceaccount:units:scorecockpit-portal\" cannot create resource " +
                $"\"jobs\" in API group \"batch\" in the namespace \"{ctx.Request.RouteValues["ns"]}\"";
            await WriteAsync(ctx, Status("Failure", "Forbidden", 403, refusal), 403);
            return;
        }

        if (RefuseJobs == HttpStatusCode.Unauthorized)
        {
            await WriteAsync(ctx, Status("Failure", "Unauthorized", 401, "Unauthorized"), 401);
            return;
        }

        using var reader = new StreamReader(ctx.Request.Body);
        var job = KubernetesJson.Deserialize<V1Job>(await reader.ReadToEndAsync(ctx.RequestAborted));
        FakePod pod;
        lock (_gate)
        {
            // What the API server adds: the pod labels the Job controller uses, on the template.
            job.Metadata.Uid = Guid.NewGuid().ToString();
            job.Metadata.CreationTimestamp = new DateTime(2025, 3, 1, 6, 0, 0, DateTimeKind.Utc);
            var labels = job.Spec.Template.Metadata.Labels;
            labels["job-name"] = labels["batch.kubernetes.io/job-name"] = job.Metadata.Name;
            labels["controller-uid"] = labels["batch.kubernetes.io/controller-uid"] = job.Metadata.Uid;
            if (LegacyLabels)
            {
                labels.Remove("batch.kubernetes.io/job-name");
                labels.Remove("batch.kubernetes.io/controller-uid");
            }

            job.Status = new V1JobStatus();
            _jobs[job.Metadata.Name] = job;
            Created.Add(job);
            pod = new FakePod(this, job);
            _pods[pod.Name] = pod;
            Publish("jobs", WatchEventType.Added, job);
            Publish("pods", WatchEventType.Added, pod.Pod);
            var attempt = Created.Count - 1;
            _scripts.Add(Task.Run(() => Script(attempt, pod)));
        }

        await WriteAsync(ctx, job, 201);
    }

    private async Task DeleteJobAsync(HttpContext ctx)
    {
        var name = (string)ctx.Request.RouteValues["name"]!;
        lock (_gate)
        {
            Deleted.Add($"{name}{ctx.Request.QueryString}");
            if (_jobs.Remove(name, out var job))
            {
                Publish("jobs", WatchEventType.Deleted, job);
                foreach (var pod in _pods.Values.Where(p => p.Job.Metadata.Name == name).ToList())
                {
                    pod.Delete();
                }
            }
        }

        await WriteAsync(ctx, Status("Success", null, 200, null), 200);
    }

    private Task ListPodsAsync(HttpContext ctx)
    {
        var selector = Selector.Of<V1Pod>(ctx.Request.Query["labelSelector"], p => p.Metadata.Labels);
        lock (_gate)
        {
            var items = _pods.Values.Select(p => p.Pod).Where(p => selector(p)).ToList();
            return WriteAsync(ctx, new V1PodList { ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta(), Items = items }, 200);
        }
    }

    private Task ListEventsAsync(HttpContext ctx)
    {
        var selector = Selector.Of<Corev1Event>(ctx.Request.Query["fieldSelector"],
            e => new Dictionary<string, string> { ["involvedObject.name"] = e.InvolvedObject.Name, ["involvedObject.kind"] = e.InvolvedObject.Kind });
        lock (_gate)
        {
            var items = _events.Where(e => selector(e)).ToList();
            return WriteAsync(ctx, new Corev1EventList { ApiVersion = "v1", Kind = "EventList", Metadata = new V1ListMeta(), Items = items }, 200);
        }
    }

    private async Task LogAsync(HttpContext ctx)
    {
        FakePod? pod;
        lock (_gate)
        {
            _pods.TryGetValue((string)ctx.Request.RouteValues["name"]!, out pod);
        }

        if (pod is null)
        {
            await WriteAsync(ctx, Status("Failure", "NotFound", 404, "pods not found"), 404);
            return;
        }

        await StreamAsync(ctx, pod.Follow(), "text/plain");
    }

    private Task WatchAsync<T>(HttpContext ctx, string resource, Func<T, bool> matches) where T : IKubernetesObject<V1ObjectMeta>
    {
        var lines = Channel.CreateUnbounded<string>();
        lock (_gate)
        {
            IEnumerable<IKubernetesObject<V1ObjectMeta>> now = resource == "jobs" ? _jobs.Values : _pods.Values.Select(p => p.Pod);
            foreach (var item in now.Where(i => matches((T)i)))
            {
                lines.Writer.TryWrite(Event(WatchEventType.Added, item));
            }

            _watchers.Add((resource, o => matches((T)o), lines));
        }

        return StreamAsync(ctx, lines.Reader, "application/json");
    }

    /// <summary>Tells every matching watch; called with the lock held, so watches see changes in the order they happened.</summary>
    internal void Publish(string resource, WatchEventType type, IKubernetesObject<V1ObjectMeta> item)
    {
        foreach (var (kind, matches, lines) in _watchers.Where(w => w.Resource == resource && w.Matches(item)))
        {
            lines.Writer.TryWrite(Event(type, item));
        }
    }

    internal Lock Gate => _gate;

    internal void Record(Corev1Event warning) => _events.Add(warning);

    internal void Forget(FakePod pod) => _pods.Remove(pod.Name);

    private static string Event(WatchEventType type, object item) =>
        $"{{\"type\":\"{type.ToString().ToUpperInvariant()}\",\"object\":{KubernetesJson.Serialize(item)}}}";

    /// <summary>One line at a time, flushed, until the channel completes or the client goes: a watch or a followed log.</summary>
    private async Task StreamAsync(HttpContext ctx, ChannelReader<string> lines, string contentType)
    {
        ctx.Response.ContentType = contentType;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        try
        {
            await ctx.Response.StartAsync(stop.Token);
            await foreach (var line in lines.ReadAllAsync(stop.Token))
            {
                await ctx.Response.WriteAsync(line + "\n", stop.Token);
                await ctx.Response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped watching, or the server stops.
        }
    }

    // Written as plain JSON: the client's Status converter only reads.
    private static JsonObject Status(string status, string? reason, int code, string? message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["code"] = code,
    };

    private static Task WriteAsync(HttpContext ctx, object body, int status)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(KubernetesJson.Serialize(body));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>"a=b,c=d" selectors, equality only: what the executor sends.</summary>
    private static class Selector
    {
        public static Func<T, bool> Of<T>(string? text, Func<T, IDictionary<string, string>?> fields) => item =>
            (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).All(p =>
                fields(item) is { } values && values.TryGetValue(p[0], out var value) && value == p[1]);
    }
}
