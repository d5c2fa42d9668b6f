using System.Net;
using System.Runtime.ExceptionServices;
using k8s;
using k8s.Autorest;

namespace ScoreCockpit.Engine.Units.Kubernetes;

/// <summary>
/// A unit's output as its pod prints it (both streams, mixed): each line goes to the log as it comes, and the last ones
/// are kept, for the result line and for the message when there is none.
/// </summary>
internal sealed class PodLog(KubernetesConnection k, Action<string> log)
{
    private const int KeptLines = 2000;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private readonly Queue<string> _lines = new();
    private Task _reading = Task.CompletedTask;
    private Exception? _error;
    private string? _pod;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Follows the log of <paramref name="pod"/>, once; a container must have started for it to have one.</summary>
    public void Start(string pod, CancellationToken ct)
    {
        if (_pod is null)
        {
            _pod = pod;
            _reading = ReadAsync(pod, ct);
        }
    }

    /// <summary>The rest of the log, once the container has exited: a follow ends by itself then.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        try
        {
            await _reading.WaitAsync(Grace, ct);
        }
        catch (TimeoutException)
        {
            log($"[kubernetes] the log of pod {_pod} did not end {Grace.TotalSeconds:0} s after the Job did; stopped reading it.");
        }

        // Without its log the unit's result is lost: a refusal to read logs is a setup problem, not the unit's.
        if (_error is HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized })
        {
            ExceptionDispatchInfo.Throw(_error);
        }
    }

    /// <summary>Ends when reading has stopped; never fails.</summary>
    public Task Stopped => _reading;

    private async Task ReadAsync(string pod, CancellationToken ct)
    {
        try
        {
            await using var stream = await k.Client.CoreV1.ReadNamespacedPodLogAsync(pod, k.Namespace, container: UnitJob.ContainerName,
                follow: true, cancellationToken: ct);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                lock (_lines)
                {
                    _lines.Enqueue(line);
                    if (_lines.Count > KeptLines)
                    {
                        _lines.Dequeue();
                    }
                }

                log(line);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Following stopped: the Job ended, or the unit was cancelled.
        }
        catch (Exception e)
        {
            _error = e;
            log($"[kubernetes] reading the log of pod {pod} failed: {e.Message}");
        }
    }
}
