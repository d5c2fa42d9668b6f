using k8s.Models;
using ScoreCockpit.Engine.Units.Kubernetes;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Units.Kubernetes;

/// <summary>How an attempt ended, from the last states of its Job and pod alone.</summary>
public sealed class PodOutcomeTests
{
    private static V1Job Job(params (string Type, string Reason)[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = "scorecockpit-train-1a2b3c4d" },
        Status = new V1JobStatus { Conditions = [.. conditions.Select(c => new V1JobCondition { Type = c.Type, Reason = c.Reason, Status = "True" })] },
    };

    private static readonly V1Job Active = Job();
    private static readonly V1Job Complete = Job(("SuccessCriteriaMet", "CompletionsReached"), ("Complete", "CompletionsReached"));
    private static readonly V1Job BackoffLimit = Job(("FailureTarget", "BackoffLimitExceeded"), ("Failed", "BackoffLimitExceeded"));
    private static readonly V1Job Deadline = Job(("FailureTarget", "DeadlineExceeded"), ("Failed", "DeadlineExceeded"));

    private static V1Pod Pod(V1ContainerState state, string? reason = null, params V1PodCondition[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = "scorecockpit-train-1a2b3c4d-x7k2p" },
        Status = new V1PodStatus
        {
            Reason = reason,
            Conditions = conditions,
            ContainerStatuses = [new V1ContainerStatus { Name = "unit", State = state }],
        },
    };

    private static V1Pod Exited(int code, string reason = "Error") =>
        Pod(new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = code, Reason = reason } });

    private static V1Pod Waiting(string reason, string? message = null) =>
        Pod(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } });

    private static readonly V1Pod Running = Pod(new V1ContainerState { Running = new V1ContainerStateRunning() });

    [Fact]
    public void Nothing_is_decided_while_the_job_is_active_even_once_its_pod_has_failed()
    {
        Assert.Equal(PodOutcomeKind.Running, PodOutcome.Of(Active, null).Kind);
        Assert.Equal(PodOutcomeKind.Running, PodOutcome.Of(Active, Waiting("ContainerCreating")).Kind);
        Assert.Equal(PodOutcomeKind.Running, PodOutcome.Of(Active, Exited(3)).Kind);
        Assert.Equal(PodOutcomeKind.Running, PodOutcome.Of(Active, Running, podDeleted: true).Kind);
        Assert.Equal(PodOutcomeKind.Running, PodOutcome.Of(Job(("FailureTarget", "DeadlineExceeded")), Exited(143)).Kind);
        Assert.False(PodOutcome.Started(Waiting("ContainerCreating")));
        Assert.True(PodOutcome.Started(Running));
    }

    [Fact]
    public void A_finished_job_ends_with_its_containers_exit_code()
    {
        Assert.Equal(new PodOutcome(PodOutcomeKind.Exited, 0, "Completed"), PodOutcome.Of(Complete, Exited(0, "Completed")));
        Assert.Equal(new PodOutcome(PodOutcomeKind.Exited, 0), PodOutcome.Of(Complete, null, podDeleted: true));
        Assert.Equal(new PodOutcome(PodOutcomeKind.Exited, 3, "Error"), PodOutcome.Of(BackoffLimit, Exited(3)));
        Assert.Equal(new PodOutcome(PodOutcomeKind.Exited, 137, "OOMKilled"), PodOutcome.Of(BackoffLimit, Exited(137, "OOMKilled")));
    }

    [Fact]
    public void The_deadline_wins_over_the_pod_it_killed()
    {
        Assert.Equal(PodOutcomeKind.DeadlineExceeded, PodOutcome.Of(Deadline, Exited(143), podDeleted: true).Kind);
        Assert.Equal(PodOutcomeKind.DeadlineExceeded, PodOutcome.Of(Deadline, null).Kind);
    }

    [Fact]
    public void An_evicted_disrupted_or_deleted_pod_is_an_interruption()
    {
        Assert.Equal(new PodOutcome(PodOutcomeKind.Interrupted, 137, "Evicted", "The node was low on resource: memory."),
            PodOutcome.Of(BackoffLimit, Exited(137) with { Status = Exited(137).Status with { Reason = "Evicted", Message = "The node was low on resource: memory." } }));
        var preempted = new V1PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "PreemptionByScheduler", Message = "preempted" };
        Assert.Equal(new PodOutcome(PodOutcomeKind.Interrupted, 143, "PreemptionByScheduler", "preempted"),
            PodOutcome.Of(BackoffLimit, Pod(Exited(143).Status.ContainerStatuses[0].State, null, preempted)));
        Assert.Equal(PodOutcomeKind.Interrupted, PodOutcome.Of(BackoffLimit, Running, podDeleted: true).Kind);
        Assert.Equal("Deleted", PodOutcome.Of(BackoffLimit, Running, podDeleted: true).Reason);
    }

    [Theory]
    [InlineData("ErrImagePull", true)]
    [InlineData("ImagePullBackOff", true)]
    [InlineData("InvalidImageName", true)]
    [InlineData("CreateContainerConfigError", false)]
    public void A_container_that_cannot_start_ends_the_attempt_at_once(string reason, bool image)
    {
        var outcome = PodOutcome.Of(Active, Waiting(reason, "configmap \"scorecockpit-config\" not found"));

        Assert.Equal((PodOutcomeKind.CannotStart, reason, image), (outcome.Kind, outcome.Reason, outcome.ImageProblem));
    }

    [Fact]
    public void A_job_that_failed_without_a_pod_or_was_deleted_says_so()
    {
        var quota = Job(("Failed", "BackoffLimitExceeded"));
        Assert.Equal(PodOutcomeKind.JobFailed, PodOutcome.Of(quota, null).Kind);
        Assert.Equal(new PodOutcome(PodOutcomeKind.JobFailed, null, "Deleted", "the Job was deleted before it finished"),
            PodOutcome.Of(Active, Running, jobDeleted: true));
    }
}
