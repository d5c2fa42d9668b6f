using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using k8s;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Units;
using ScoreCockpit.Engine.Units.Kubernetes;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Units.Kubernetes;

/// <summary>The Kubernetes executor against a fake API server whose pods do what each test scripts.</summary>
public sealed class KubernetesUnitExecutorTests
{
    private const string Image = "registry.example.com/scorecockpit:1.4.0";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(45);

    private static readonly UnitOfWork Evaluate = new(UnitKind.Evaluate, "churn")
    {
        Date = new DateOnly(2025, 3, 1),
        Versions = [3, 4],
        RunId = 42,
    };

    private static readonly string ResultLine = new UnitResult("evaluate", "churn", UnitStatus.Succeeded, "2 versions evaluated on 2025-03-01",
        new Dictionary<string, JsonElement> { ["evaluated"] = JsonSerializer.SerializeToElement(2) }, 12.5).ToLine();

    private static readonly string[] Progress = ["reading snapshot churn 2025-03-01", "evaluating v3", "evaluating v4"];

    private static KubernetesSettings Settings(string? kubeconfig = null) => KubernetesSettings.Resolve(key => key switch
    {
        KubernetesSettings.ImageKey => Image,
        KubernetesSettings.KubeconfigKey => kubeconfig,
        _ => null,
    });

    private static async Task Succeed(FakePod pod)
    {
        await pod.StartAsync();
        pod.Print([.. Progress, ResultLine]);
        pod.Exit(0);
    }

    private static Task Evicted(FakePod pod)
    {
        pod.Evict();
        return Task.CompletedTask;
    }

    private static async Task<(UnitResult Result, List<string> Log)> RunAsync(FakeKubernetesApi api, int retries = 1)
    {
        var (result, log) = await RunAsync(Settings(), _ => api.Configuration, retries);
        await api.ScriptsDoneAsync();
        return (result, log);
    }

    private static async Task<(UnitResult Result, List<string> Log)> RunAsync(KubernetesSettings settings,
        Func<KubernetesSettings, KubernetesClientConfiguration>? configure, int retries = 1, CancellationToken cancel = default)
    {
        using var clients = new KubernetesClients(settings, configure);
        var executor = new KubernetesUnitExecutor(settings, UnitSettings.Default with { Retries = retries }, new FixedHistory(Deadline), clients);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, cancel);
        bound.CancelAfter(TimeSpan.FromSeconds(15));
        var log = new List<string>();
        var result = await executor.RunAsync(Evaluate, log.Add, bound.Token);
        return (result, log);
    }

    private static List<string> Printed(List<string> log) => log.Where(l => !l.StartsWith("[kubernetes]", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_unit_that_succeeds_streams_its_log_and_returns_its_result_line()
    {
        await using var api = await FakeKubernetesApi.StartAsync((_, pod) => Succeed(pod));

        var (result, log) = await RunAsync(api);

        Assert.Equal((UnitStatus.Succeeded, "2 versions evaluated on 2025-03-01", 2.0), (result.Status, result.Message, result.Number("evaluated")));
        var job = Assert.Single(api.Created);
        Assert.Equal($"kubernetes job {job.Metadata.Name}", result.Where);
        Assert.Equal([.. Progress, ResultLine], Printed(log));
        Assert.Matches("^scorecockpit-evaluate-[0-9a-f]{8}$", job.Metadata.Name);
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal((Image, "unit"), (container.Image, container.Name));
        Assert.Equal(["scorecockpit"], container.Command);
        Assert.Equal(Evaluate.ToArguments(), container.Args);
        Assert.Equal((0, 3600, 2700L), (job.Spec.BackoffLimit, job.Spec.TtlSecondsAfterFinished, job.Spec.ActiveDeadlineSeconds));
        Assert.Equal(("Never", "scorecockpit-unit"), (job.Spec.Template.Spec.RestartPolicy, job.Spec.Template.Spec.ServiceAccountName));
        Assert.Equal(("42", "evaluate"), (job.Metadata.Labels["scorecockpit.io/unit-run"], job.Metadata.Labels["scorecockpit.io/unit-kind"]));
        Assert.Empty(api.Deleted);
    }

    [Fact]
    public async Task Pods_on_clusters_before_1_27_are_found_by_their_legacy_job_name_label()
    {
        await using var api = await FakeKubernetesApi.StartAsync((_, pod) => Succeed(pod), legacyLabels: true);

        var (result, _) = await RunAsync(api);

        Assert.Equal(UnitStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task A_non_zero_exit_fails_naming_the_job_the_exit_code_and_the_last_lines()
    {
        await using var api = await FakeKubernetesApi.StartAsync(async (_, pod) =>
        {
            await pod.StartAsync();
            pod.Print("reading snapshot churn 2025-03-01", "error: table warehouse.churn_features does not exist");
            pod.Exit(3);
        });

        var (result, _) = await RunAsync(api);

        Assert.Equal(UnitStatus.Failed, result.Status);
        var name = api.Created.Single().Metadata.Name;
        Assert.StartsWith($"kubernetes job {name} exited with code 3: ", result.Message, StringComparison.Ordinal);
        Assert.Contains("reading snapshot churn 2025-03-01 | error: table warehouse.churn_features does not exist", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_zero_exit_carries_the_units_own_message_when_it_printed_one()
    {
        var failed = UnitResult.Failed(Evaluate, "version 4 cannot score: column tenure changed type", 3).ToLine();
        await using var api = await FakeKubernetesApi.StartAsync(async (_, pod) =>
        {
            await pod.StartAsync();
            pod.Print("evaluating v4", failed);
            pod.Exit(1);
        });

        var (result, _) = await RunAsync(api);

        Assert.Equal(UnitStatus.Failed, result.Status);
        Assert.EndsWith("exited with code 1: version 4 cannot score: column tenure changed type", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_past_its_deadline_fails_saying_where_the_deadline_comes_from()
    {
        await using var api = await FakeKubernetesApi.StartAsync(async (_, pod) =>
        {
            await pod.StartAsync();
            pod.Print("evaluating v3");
            pod.PassDeadline();
        });

        var (result, _) = await RunAsync(api);

        Assert.Equal(UnitStatus.Failed, result.Status);
        Assert.Contains("passed its deadline of 45 minutes", result.Message, StringComparison.Ordinal);
        Assert.Contains("The deadline comes from the unit history", result.Message, StringComparison.Ordinal);
        Assert.Contains("Last lines: evaluating v3", result.Message, StringComparison.Ordinal);
        Assert.Single(api.Created);
    }

    [Fact]
    public async Task An_evicted_pod_is_tried_again_in_a_new_job()
    {
        await using var api = await FakeKubernetesApi.StartAsync((attempt, pod) => attempt == 0 ? Evicted(pod) : Succeed(pod));

        var (result, log) = await RunAsync(api);

        Assert.Equal(UnitStatus.Succeeded, result.Status);
        Assert.Equal(2, api.Created.Select(j => j.Metadata.Name).Distinct().Count());
        Assert.Equal($"kubernetes job {api.Created[1].Metadata.Name}", result.Where);
        Assert.Contains(log, l => l.Contains("was interrupted: its pod was evicted (The node was low on resource: memory.)", StringComparison.Ordinal)
            && l.EndsWith("Trying again in a new Job (retry 1 of 1).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evictions_past_the_retries_leave_the_unit_interrupted()
    {
        await using var api = await FakeKubernetesApi.StartAsync((_, pod) => Evicted(pod));

        var (result, _) = await RunAsync(api, retries: 1);

        Assert.Equal(UnitStatus.Interrupted, result.Status);
        Assert.Equal(2, api.Created.Count);
        Assert.EndsWith("Gave up after 2 attempt(s): Units:Retries is 1.", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_fails_with_the_event_and_the_job_is_deleted()
    {
        await using var api = await FakeKubernetesApi.StartAsync((_, pod) =>
        {
            pod.FailToPullImage($"Failed to pull image \"{Image}\": not found");
            return Task.CompletedTask;
        });

        var (result, _) = await RunAsync(api);

        Assert.Equal(UnitStatus.Failed, result.Status);
        Assert.Contains($"ImagePullBackOff: Failed to pull image \"{Image}\": not found", result.Message, StringComparison.Ordinal);
        Assert.Contains("check Units:Kubernetes:Image and the image pull secret", result.Message, StringComparison.Ordinal);
        Assert.Equal([$"{api.Created.Single().Metadata.Name}?propagationPolicy=Background"], api.Deleted);
    }

    [Fact]
    public async Task Cancelling_deletes_the_job_and_rethrows()
    {
        using var cancel = new CancellationTokenSource();
        await using var api = await FakeKubernetesApi.StartAsync(async (_, pod) =>
        {
            await pod.StartAsync();
            pod.Print("evaluating v3");
            await cancel.CancelAsync();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(Settings(), _ => api.Configuration, cancel: cancel.Token));

        Assert.Equal([$"{api.Created.Single().Metadata.Name}?propagationPolicy=Background"], api.Deleted);
    }

    [Fact]
    public async Task A_forbidden_job_is_a_setup_error_naming_the_namespace_and_the_role_it_needs()
    {
        await using var api = await FakeKubernetesApi.StartAsync((_, _) => Task.CompletedTask, refuseJobs: HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<CockpitSetupException>(() => RunAsync(api));

        Assert.StartsWith("Kubernetes does not allow the portal to create jobs in namespace 'units'", error.Message, StringComparison.Ordinal);
        Assert.Contains("allows jobs create/get/list/watch/delete, pods get/list/watch, pods/log get and events list", error.Message,
            StringComparison.Ordinal);
        Assert.Empty(api.Created);
    }

    [Fact]
    public async Task Rejected_credentials_are_a_setup_error_naming_the_server()
    {
        await using var api = await FakeKubernetesApi.StartAsync((_, _) => Task.CompletedTask, refuseJobs: HttpStatusCode.Unauthorized);

        var error = await Assert.ThrowsAsync<CockpitSetupException>(() => RunAsync(api));

        Assert.StartsWith($"The Kubernetes API server at {api.Url} does not accept the portal's credentials (401 Unauthorized", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_api_server_is_a_setup_error_naming_its_url()
    {
        // A port that was free a moment ago and has no listener now: the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();

        var error = await Assert.ThrowsAsync<CockpitSetupException>(() =>
            RunAsync(Settings(), _ => new KubernetesClientConfiguration { Host = url, Namespace = "units" }));

        Assert.StartsWith($"Cannot reach the Kubernetes API server at {url}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_kubeconfig_is_a_setup_error_naming_the_path()
    {
        using var folder = new TempFolder();
        var path = folder.File("cluster.yaml");

        var error = await Assert.ThrowsAsync<CockpitSetupException>(() => RunAsync(Settings(kubeconfig: path), configure: null));

        Assert.Equal($"No kubeconfig file at {path}: set Units:Kubernetes:Kubeconfig (or KUBECONFIG) to the path of a kubeconfig file " +
            "for the cluster that runs units, or run inside the cluster with a service account.", error.Message);
    }

    private sealed class FixedHistory(TimeSpan deadline) : IUnitHistory
    {
        public Task<TimeSpan> DeadlineAsync(UnitOfWork unit, CancellationToken ct) => Task.FromResult(deadline);
    }
}
