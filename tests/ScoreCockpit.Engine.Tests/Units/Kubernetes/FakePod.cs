using System.Threading.Channels;
using k8s;
using k8s.Models;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Units.Kubernetes;

/// <summary>
/// The one pod of a Job on the <see cref="FakeKubernetesApi"/>, driven by a test's script as the kubelet and the Job
/// controller would drive it: each step changes the pod and its Job as a cluster does, in the order a cluster does.
/// </summary>
public sealed class FakePod
{
    private static readonly DateTime Now = new(2025, 3, 1, 6, 0, 0, DateTimeKind.Utc);

    private readonly FakeKubernetesApi _api;
    private readonly List<string> _log = [];
    private readonly List<Channel<string>> _followers = [];
    private readonly TaskCompletionSource _followed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _logEnded;

    internal FakePod(FakeKubernetesApi api, V1Job job)
    {
        _api = api;
        Job = job;
        Name = $"{job.Metadata.Name}-{Guid.NewGuid():N}"[..(job.Metadata.Name.Length + 6)];
        Pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = Name,
                NamespaceProperty = FakeKubernetesApi.Namespace,
                CreationTimestamp = Now,
                Labels = new Dictionary<string, string>(job.Spec.Template.Metadata.Labels),
            },
            Spec = job.Spec.Template.Spec,
            Status = new V1PodStatus
            {
                Phase = "Pending",
                ContainerStatuses = [new V1ContainerStatus { Name = "unit", Image = Image, State = Waiting("ContainerCreating") }],
            },
        };
    }

    public string Name { get; }

    public V1Job Job { get; }

    public V1Pod Pod { get; }

    private string Image => Job.Spec.Template.Spec.Containers[0].Image;

    /// <summary>The container starts; the script then waits until the executor follows its log, so lines are seen live.</summary>
    public async Task StartAsync()
    {
        Change(() =>
        {
            Pod.Status.Phase = "Running";
            Container.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Now } };
            Job.Status.Active = 1;
        }, pod: true, job: true);
        await _followed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    public void Print(params string[] lines) => Change(() =>
    {
        foreach (var line in lines)
        {
            _log.Add(line);
            _followers.ForEach(f => f.Writer.TryWrite(line));
        }
    });

    /// <summary>The container exits; the Job completes (0) or fails (backoffLimit 0), the Job's news before the pod's.</summary>
    public void Exit(int code, string? reason = null) => Change(() =>
    {
        (Job.Status.Active, Job.Status.Succeeded, Job.Status.Failed) = (0, code == 0 ? 1 : 0, code == 0 ? 0 : 1);
        Job.Status.Conditions = code == 0
            ? [Condition("SuccessCriteriaMet", "CompletionsReached"), Condition("Complete", "CompletionsReached")]
            : [Condition("FailureTarget", "BackoffLimitExceeded"), Condition("Failed", "BackoffLimitExceeded")];
        _api.Publish("jobs", WatchEventType.Modified, Job);
        Terminate(code, reason ?? (code == 0 ? "Completed" : "Error"));
        Pod.Status.Phase = code == 0 ? "Succeeded" : "Failed";
    }, pod: true);

    /// <summary>activeDeadlineSeconds passes: the Job controller marks the failure, kills and removes the pod, then fails the Job.</summary>
    public void PassDeadline() => Change(() =>
    {
        Job.Status.Conditions = [Condition("FailureTarget", "DeadlineExceeded")];
        _api.Publish("jobs", WatchEventType.Modified, Job);
        Terminate(143, "Error");
        Pod.Metadata.DeletionTimestamp = Now;
        _api.Publish("pods", WatchEventType.Modified, Pod);
        Delete();
        Job.Status.Conditions = [Condition("FailureTarget", "DeadlineExceeded"), Condition("Failed", "DeadlineExceeded")];
        (Job.Status.Active, Job.Status.Failed) = (0, 1);
    }, job: true);

    /// <summary>The kubelet evicts the pod (the node ran short of memory); the Job fails for its backoff limit.</summary>
    public void Evict() => Change(() =>
    {
        Terminate(137, "Error");
        Pod.Status.Phase = "Failed";
        Pod.Status.Reason = "Evicted";
        Pod.Status.Message = "The node was low on resource: memory.";
        Pod.Status.Conditions = [new V1PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "TerminationByKubelet" }];
        _api.Publish("pods", WatchEventType.Modified, Pod);
        (Job.Status.Active, Job.Status.Failed) = (0, 1);
        Job.Status.Conditions = [Condition("FailureTarget", "BackoffLimitExceeded"), Condition("Failed", "BackoffLimitExceeded")];
    }, job: true);

    /// <summary>The image is not in the registry: a warning event, then the kubelet backs off pulling it, for ever.</summary>
    public void FailToPullImage(string message) => Change(() =>
    {
        _api.Record(Event("Normal", "Pulling", $"Pulling image \"{Image}\""));
        _api.Record(Event("Warning", "Failed", message));
        Container.State = Waiting("ImagePullBackOff", $"Back-off pulling image \"{Image}\"");
    }, pod: true);

    /// <summary>A followed log: the lines so far, then each new one, until the container ends.</summary>
    internal ChannelReader<string> Follow()
    {
        var follower = Channel.CreateUnbounded<string>();
        lock (_api.Gate)
        {
            _log.ForEach(line => follower.Writer.TryWrite(line));
            if (_logEnded)
            {
                follower.Writer.TryComplete();
            }
            else
            {
                _followers.Add(follower);
            }
        }

        _followed.TrySetResult();
        return follower.Reader;
    }

    /// <summary>Removed from the API (its Job deleted, its deadline passed); called with the lock held.</summary>
    internal void Delete()
    {
        EndLog();
        _api.Forget(this);
        _api.Publish("pods", WatchEventType.Deleted, Pod);
    }

    private V1ContainerStatus Container => Pod.Status.ContainerStatuses[0];

    private void Change(Action change, bool pod = false, bool job = false)
    {
        lock (_api.Gate)
        {
            change();
            if (pod)
            {
                _api.Publish("pods", WatchEventType.Modified, Pod);
            }

            if (job)
            {
                _api.Publish("jobs", WatchEventType.Modified, Job);
            }
        }
    }

    private void Terminate(int code, string reason)
    {
        EndLog();
        Container.State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = code, Reason = reason } };
    }

    private void EndLog()
    {
        _logEnded = true;
        _followers.ForEach(f => f.Writer.TryComplete());
    }

    private static V1ContainerState Waiting(string reason, string? message = null) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    private static V1JobCondition Condition(string type, string reason) => new() { Type = type, Status = "True", Reason = reason };

    private Corev1Event Event(string type, string reason, string message) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{Name}.{reason.ToLowerInvariant()}", NamespaceProperty = FakeKubernetesApi.Namespace },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = Name, NamespaceProperty = FakeKubernetesApi.Namespace },
        Type = type,
        Reason = reason,
        Message = message,
        LastTimestamp = Now,
    };
}
