using System.Diagnostics;
using k8s;
using k8s.Models;

namespace ScoreCockpit.Engine.Units.Kubernetes;

/// <summary>
/// Runs each unit in a Kubernetes Job of the portal's own image (`scorecockpit unit run …`), streams its log, and reads
/// its result line back. A pod lost to the cluster (evicted, preempted, drained) is tried again in a new Job, up to
/// <see cref="UnitSettings.Retries"/> times; any other ending is the unit's result. The Job stays for
/// <see cref="KubernetesSettings.TtlSeconds"/> after it ends, for people to look at, except when it never started.
/// </summary>
public sealed class KubernetesUnitExecutor(KubernetesSettings settings, UnitSettings units, IUnitHistory history, KubernetesClients clients)
    : IUnitExecutor
{
    public string Name => "kubernetes";

    public async Task<UnitResult> RunAsync(UnitOfWork unit, Action<string> log, CancellationToken ct)
    {
        var gate = new Lock();
        void Say(string line)
        {
            // The log reader and this loop both speak; the caller's log need not be thread-safe.
            lock (gate)
            {
                log(line);
            }
        }

        var k = clients.Open();
        var deadline = await history.DeadlineAsync(unit, ct);
        for (var attempt = 1; ; attempt++)
        {
            var result = await AttemptAsync(k, unit, deadline, Say, ct);
            if (result.Status != UnitStatus.Interrupted)
            {
                return result;
            }

            if (attempt > units.Retries)
            {
                return result with
                {
                    Message = $"{result.Message} Gave up after {attempt} attempt(s): {UnitSettings.RetriesKey} is {units.Retries}.",
                };
            }

            Say($"[kubernetes] {result.Message} Trying again in a new Job (retry {attempt} of {units.Retries}).");
        }
    }

    private async Task<UnitResult> AttemptAsync(KubernetesConnection k, UnitOfWork unit, TimeSpan deadline, Action<string> say,
        CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var job = UnitJob.Build(unit, settings, k.Namespace, deadline, UnitJob.NewId());
        var name = job.Metadata.Name;
        V1Job created;
        try
        {
            created = await k.Client.BatchV1.CreateNamespacedJobAsync(job, k.Namespace, cancellationToken: ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && KubernetesErrors.Setup(e, k, "create", "jobs") is { } setup)
        {
            throw setup;
        }

        say($"[kubernetes] job {name} created in namespace {k.Namespace} for {unit.Describe()}");
        try
        {
            var ending = await new JobFollower(k, created, say).FollowAsync(ct);
            var outcome = ending.Outcome;
            var events = await EventsAsync(k, outcome, ending, say, ct);
            if (outcome.Kind == PodOutcomeKind.CannotStart)
            {
                // Its container would wait until the deadline, holding its resources, with nothing for people to look at.
                await DeleteAsync(k, name, say);
            }

            var context = new JobContext(name, k.Namespace, deadline, settings);
            return JobResults.Of(unit, outcome, ending.Lines, events, context, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e)
        {
            // Cancelled, or the cluster stopped answering: a Job nobody follows must not run on.
            await DeleteAsync(k, name, say);
            if (!ct.IsCancellationRequested && KubernetesErrors.Setup(e, k, "watch", "jobs and pods") is { } setup)
            {
                throw setup;
            }

            throw;
        }
    }

    /// <summary>The pod's (or, without a pod, the Job's) warnings, when they are what explains the ending.</summary>
    private static async Task<IReadOnlyList<string>> EventsAsync(KubernetesConnection k, PodOutcome outcome, JobEnding ending,
        Action<string> say, CancellationToken ct)
    {
        var wanted = outcome.Kind is PodOutcomeKind.CannotStart or PodOutcomeKind.JobFailed
            || (outcome.Kind == PodOutcomeKind.DeadlineExceeded && !PodOutcome.Started(ending.Pod));
        if (!wanted)
        {
            return [];
        }

        var (kind, name) = ending.Pod is { } pod ? ("Pod", pod.Metadata.Name) : ("Job", ending.Job?.Metadata.Name);
        try
        {
            var list = await k.Client.CoreV1.ListNamespacedEventAsync(k.Namespace,
                fieldSelector: $"involvedObject.name={name},involvedObject.kind={kind}", cancellationToken: ct);
            var warnings = list.Items.Where(e => e.Type == "Warning")
                .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp)
                .Select(e => e.Message).OfType<string>().Distinct().TakeLast(3).ToList();
            warnings.ForEach(w => say($"[kubernetes] {kind.ToLowerInvariant()} {name}: {w}"));
            return warnings;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            say($"[kubernetes] the events of {kind.ToLowerInvariant()} {name} cannot be read: {e.Message}");
            return [];
        }
    }

    private static async Task DeleteAsync(KubernetesConnection k, string name, Action<string> say)
    {
        // The unit's own token may be cancelled already: the deletion gets its own, bounded, time.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await k.Client.BatchV1.DeleteNamespacedJobAsync(name, k.Namespace, propagationPolicy: "Background", cancellationToken: bound.Token);
            say($"[kubernetes] job {name} deleted");
        }
        catch (Exception e) when (!KubernetesErrors.NotFound(e))
        {
            say($"[kubernetes] job {name} could not be deleted ({e.Message}); delete it with kubectl delete job {name} -n {k.Namespace}");
        }
    }
}
