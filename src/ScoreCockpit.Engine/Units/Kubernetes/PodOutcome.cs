using System.Diagnostics.CodeAnalysis;
using k8s.Models;

namespace ScoreCockpit.Engine.Units.Kubernetes;

internal enum PodOutcomeKind
{
    /// <summary>Not decided yet: the Job is still active.</summary>
    Running,

    /// <summary>The container ended with <see cref="PodOutcome.ExitCode"/> (0 or not) and the Job finished.</summary>
    Exited,

    /// <summary>The Job ran past its activeDeadlineSeconds and Kubernetes stopped it.</summary>
    DeadlineExceeded,

    /// <summary>The pod was lost (evicted, preempted, deleted): worth a new Job.</summary>
    Interrupted,

    /// <summary>The container cannot start (its image, its configuration) and waiting will not help.</summary>
    CannotStart,

    /// <summary>The Job failed without a container exit to explain it (no pod could be created, say).</summary>
    JobFailed,
}

/// <summary>
/// What a unit's Job and its pod say about how the attempt ended, from their last known states alone. The Job's own
/// terminal condition decides the end (with backoffLimit 0 a failed pod always fails the Job), so a pod seen dying
/// before the Job says why is not mistaken for an eviction when it was the deadline.
/// </summary>
internal sealed record PodOutcome(PodOutcomeKind Kind, int? ExitCode = null, string? Reason = null, string? Message = null)
{
    private static readonly HashSet<string> ImageProblems = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"];
    private static readonly HashSet<string> ConfigurationProblems = ["CreateContainerConfigError", "CreateContainerError"];

    public bool Finished => Kind != PodOutcomeKind.Running;

    /// <summary>The container cannot start because of its image (rather than its configuration).</summary>
    public bool ImageProblem => Kind == PodOutcomeKind.CannotStart && Reason is not null && ImageProblems.Contains(Reason);

    /// <param name="podDeleted">The pod was seen deleted, or is gone when looked up after the Job finished.</param>
    /// <param name="jobDeleted">The Job itself was deleted before it finished (by a person, most likely).</param>
    public static PodOutcome Of(V1Job? job, V1Pod? pod, bool podDeleted = false, bool jobDeleted = false)
    {
        if (!podDeleted && Waiting(pod) is { } waiting
            && (ImageProblems.Contains(waiting.Reason) || ConfigurationProblems.Contains(waiting.Reason)))
        {
            return new PodOutcome(PodOutcomeKind.CannotStart, Reason: waiting.Reason, Message: waiting.Message);
        }

        if (jobDeleted)
        {
            return new PodOutcome(PodOutcomeKind.JobFailed, Reason: "Deleted", Message: "the Job was deleted before it finished");
        }

        if (Terminal(job) is not { } end)
        {
            return new PodOutcome(PodOutcomeKind.Running);
        }

        var terminated = Terminated(pod);
        if (end.Type == "Complete")
        {
            return new PodOutcome(PodOutcomeKind.Exited, terminated?.ExitCode ?? 0, terminated?.Reason);
        }

        if (end.Reason == "DeadlineExceeded")
        {
            return new PodOutcome(PodOutcomeKind.DeadlineExceeded, terminated?.ExitCode, end.Reason, end.Message);
        }

        if (Lost(pod, podDeleted) is { } lost)
        {
            return new PodOutcome(PodOutcomeKind.Interrupted, terminated?.ExitCode, lost.Reason, lost.Message);
        }

        return terminated is not null
            ? new PodOutcome(PodOutcomeKind.Exited, terminated.ExitCode, terminated.Reason, terminated.Message)
            : new PodOutcome(PodOutcomeKind.JobFailed, Reason: end.Reason, Message: end.Message);
    }

    /// <summary>The Job's Complete or Failed condition once true; FailureTarget and SuccessCriteriaMet come earlier and are not the end.</summary>
    public static V1JobCondition? Terminal(V1Job? job) =>
        job?.Status?.Conditions?.FirstOrDefault(c => c.Status == "True" && c.Type is "Complete" or "Failed");

    /// <summary>Whether the unit's container has started, so its log can be read.</summary>
    public static bool Started([NotNullWhen(true)] V1Pod? pod) => Container(pod)?.State is { Running: not null } or { Terminated: not null };

    private static (string Reason, string? Message)? Lost(V1Pod? pod, bool podDeleted)
    {
        if (pod?.Status?.Reason == "Evicted")
        {
            return ("Evicted", pod.Status.Message);
        }

        if (pod?.Status?.Conditions?.FirstOrDefault(c => c.Type == "DisruptionTarget" && c.Status == "True") is { } disruption)
        {
            return (disruption.Reason ?? "DisruptionTarget", disruption.Message);
        }

        return podDeleted || pod?.Metadata?.DeletionTimestamp is not null ? ("Deleted", "the pod was deleted before it finished") : null;
    }

    private static V1ContainerStatus? Container(V1Pod? pod) =>
        pod?.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == UnitJob.ContainerName)
        ?? pod?.Status?.ContainerStatuses?.FirstOrDefault();

    private static (string Reason, string? Message)? Waiting(V1Pod? pod) =>
        Container(pod)?.State?.Waiting is { Reason: { } reason } waiting ? (reason, waiting.Message) : null;

    private static V1ContainerStateTerminated? Terminated(V1Pod? pod) =>
        Container(pod) is { } container ? container.State?.Terminated ?? container.LastState?.Terminated : null;
}

/// <summary>The last known states of a unit's Job and pod when following it stopped, and the last lines the unit printed.</summary>
internal sealed record JobEnding(V1Job? Job, V1Pod? Pod, bool PodDeleted, bool JobDeleted, IReadOnlyList<string> Lines)
{
    public PodOutcome Outcome => PodOutcome.Of(Job, Pod, PodDeleted, JobDeleted);
}
