using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace ScoreCockpit.Engine.Units.Kubernetes;

/// <summary>Follows one Job until it ends or its pod cannot start, streaming the pod's log into <c>log</c> meanwhile. The
/// watches of the Job and of its pod feed one queue read by one loop, so the states only ever change there.</summary>
internal sealed class JobFollower(KubernetesConnection k, V1Job created, Action<string> log)
{
    private readonly KubernetesConnection _k = k;
    private readonly Action<string> _say = log;
    private readonly string _name = created.Metadata.Name;
    private readonly Channel<Change> _changes = Channel.CreateUnbounded<Change>();
    private readonly PodLog _log = new(k, log);
    private V1Job? _job = created;
    private V1Pod? _pod;
    private bool _podDeleted, _jobDeleted;
    private string? _said;

    /// <summary>The label its pods carry: the API server adds the Job controller's labels to the template it sends back, and
    /// clusters before 1.27 only know the legacy "job-name".</summary>
    public string PodSelector { get; } = created.Spec?.Template?.Metadata?.Labels is { } labels
        && !labels.ContainsKey("batch.kubernetes.io/job-name") && labels.ContainsKey("job-name")
        ? $"job-name={created.Metadata.Name}"
        : $"batch.kubernetes.io/job-name={created.Metadata.Name}";

    public async Task<JobEnding> FollowAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watches = Task.WhenAll(
            PumpAsync(t => _k.Client.BatchV1.WatchListNamespacedJobAsync(_k.Namespace, fieldSelector: $"metadata.name={_name}",
                onError: Ignore, cancellationToken: t), (type, job) => new Change(type, job, null), stop.Token),
            PumpAsync(t => _k.Client.CoreV1.WatchListNamespacedPodAsync(_k.Namespace, labelSelector: PodSelector,
                onError: Ignore, cancellationToken: t), (type, pod) => new Change(type, null, pod), stop.Token));
        try
        {
            PodOutcome outcome;
            do
            {
                var change = await _changes.Reader.ReadAsync(stop.Token);
                if (change.Error is { } error)
                {
                    ExceptionDispatchInfo.Throw(error);
                }

                Apply(change, stop.Token);
                outcome = PodOutcome.Of(_job, _pod, _podDeleted, _jobDeleted);
            }
            while (!outcome.Finished);

            if (outcome.Kind != PodOutcomeKind.CannotStart && !_jobDeleted)
            {
                await SettleAsync(stop.Token);
            }

            return new JobEnding(_job, _pod, _podDeleted, _jobDeleted, _log.Lines);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(watches, _log.Stopped);
        }
    }

    private void Apply(Change change, CancellationToken ct)
    {
        var (type, job, pod, _) = change;
        if (job is not null)
        {
            (_job, _jobDeleted) = (job, type == WatchEventType.Deleted);
            return;
        }

        if (pod is null || (pod.Metadata.Name != _pod?.Metadata.Name && type == WatchEventType.Deleted))
        {
            return;
        }

        (_pod, _podDeleted) = (pod, type == WatchEventType.Deleted);
        var waiting = pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason;
        var state = _podDeleted ? "deleted" : waiting is null ? pod.Status?.Phase : $"{pod.Status?.Phase} ({waiting})";
        if (state != _said)
        {
            _said = state;
            _say($"[kubernetes] pod {pod.Metadata.Name}: {state}");
        }

        StartReading(ct);
    }

    /// <summary>The Job has ended: the pod as it is now (two watches need not agree on the order of news), and the rest of its log.</summary>
    private async Task SettleAsync(CancellationToken ct)
    {
        if (!_podDeleted)
        {
            var pods = await _k.Client.CoreV1.ListNamespacedPodAsync(_k.Namespace, labelSelector: PodSelector, cancellationToken: ct);
            var now = _pod is null
                ? pods.Items.MaxBy(p => p.Metadata.CreationTimestamp)
                : pods.Items.FirstOrDefault(p => p.Metadata.Name == _pod.Metadata.Name);
            (_pod, _podDeleted) = now is null ? (_pod, _pod is not null) : (now, false);
        }

        StartReading(ct);
        await _log.FinishAsync(ct);
    }

    private void StartReading(CancellationToken ct)
    {
        if (!_podDeleted && PodOutcome.Started(_pod))
        {
            _log.Start(_pod.Metadata.Name, ct);
        }
    }

    private async Task PumpAsync<T>(Func<CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
        Func<WatchEventType, T, Change> change, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await foreach (var (type, item) in watch(ct))
                {
                    if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                    {
                        await _changes.Writer.WriteAsync(change(type, item), ct);
                    }
                }

                // The API server ends every watch after a while: watch again, from the current state (a watch starts with it).
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Following stopped.
        }
        catch (Exception e)
        {
            _changes.Writer.TryWrite(new Change(default, null, null, e));
        }
    }

    private sealed record Change(WatchEventType Type, V1Job? Job, V1Pod? Pod, Exception? Error = null);

    // A watch's ERROR event (an expired resource version, mostly) is followed by the end of the watch, which is watched again.
    private static readonly Action<Exception> Ignore = _ => { };
}
