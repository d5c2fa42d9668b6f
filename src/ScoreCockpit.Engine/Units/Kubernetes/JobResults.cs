using System.Globalization;

namespace ScoreCockpit.Engine.Units.Kubernetes;

/// <summary>The Job an attempt ran in, for messages.</summary>
internal sealed record JobContext(string Name, string Namespace, TimeSpan Deadline, KubernetesSettings Settings);

/// <summary>A unit's result from how its Job ended and what it printed: the unit's own result line when it is to be
/// believed, else a message that says what happened and what to do.</summary>
internal static class JobResults
{
    private const int TailLines = 5;

    public static UnitResult Of(UnitOfWork unit, PodOutcome outcome, IReadOnlyList<string> lines, IReadOnlyList<string> events,
        JobContext job, double seconds) => Decide(unit, outcome, lines, events, job, seconds) with { Where = $"kubernetes job {job.Name}" };

    private static UnitResult Decide(UnitOfWork unit, PodOutcome outcome, IReadOnlyList<string> lines, IReadOnlyList<string> events,
        JobContext job, double seconds)
    {
        var printed = UnitResult.Find(lines);
        var failed = (string message, UnitStatus status) => printed is null
            ? UnitResult.Failed(unit, message, seconds, status)
            : printed with { Status = status, Message = message };
        var s = job.Settings;
        switch (outcome.Kind)
        {
            case PodOutcomeKind.Exited when outcome.ExitCode == 0:
                return printed ?? failed(
                    $"kubernetes job {job.Name} exited with code 0 but printed no result line ({{\"unit\":…}}): is " +
                    $"{KubernetesSettings.ImageKey} ('{s.Image}') the portal's own image? {Tail(lines)}", UnitStatus.Failed);
            case PodOutcomeKind.Exited:
                var memory = outcome.Reason == "OOMKilled"
                    ? $" (OOMKilled: the unit needed more than its {s.Memory} of memory; raise {KubernetesSettings.MemoryKey})"
                    : "";
                return failed($"kubernetes job {job.Name} exited with code {outcome.ExitCode}{memory}: " +
                    (printed is { Succeeded: false } ? printed.Message : Tail(lines)), UnitStatus.Failed);
            case PodOutcomeKind.DeadlineExceeded:
                return failed(
                    $"kubernetes job {job.Name} passed its deadline of {Minutes(job.Deadline)} minutes and Kubernetes stopped it. " +
                    $"The deadline comes from the unit history: a multiple of the longest recent successful {unit.Kind.Name()} of " +
                    $"{unit.Score}, never below a floor. " + (events.Count > 0 ? $"The unit never started: {string.Join(" ", events)}" : Tail(lines)),
                    UnitStatus.Failed);
            case PodOutcomeKind.Interrupted:
                return failed($"kubernetes job {job.Name} was interrupted: its pod was {Lost(outcome)}.", UnitStatus.Interrupted);
            case PodOutcomeKind.CannotStart when outcome.ImageProblem:
                return failed(
                    $"kubernetes job {job.Name} could not start: {outcome.Reason}: {Said(events, outcome)}; check " +
                    $"{KubernetesSettings.ImageKey} and the image pull secret (the image is '{s.Image}').", UnitStatus.Failed);
            case PodOutcomeKind.CannotStart:
                return failed(
                    $"kubernetes job {job.Name} could not start its container: {outcome.Reason}: {Said(events, outcome)}. Check that " +
                    $"the ConfigMap '{s.ConfigMap}' ({KubernetesSettings.ConfigMapKey}) and the Secret '{s.Secret}' " +
                    $"({KubernetesSettings.SecretKey}) exist in namespace '{job.Namespace}', and that the image runs as a non-root " +
                    "user with a numeric id.", UnitStatus.Failed);
            default:
                return failed(
                    $"kubernetes job {job.Name} failed: {outcome.Reason}: {Said(events, outcome)}", UnitStatus.Failed);
        }
    }

    private static string Lost(PodOutcome outcome) => outcome.Reason switch
    {
        "Evicted" => $"evicted ({outcome.Message ?? "no reason given"})",
        "Deleted" => "deleted before it finished (a node drained or removed?)",
        _ => $"disrupted: {outcome.Reason}{(outcome.Message is null ? "" : $" ({outcome.Message})")}",
    };

    private static string Said(IReadOnlyList<string> events, PodOutcome outcome) =>
        events.Count > 0 ? string.Join(" ", events) : outcome.Message ?? "Kubernetes gave no details";

    private static string Minutes(TimeSpan deadline) => deadline.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The last lines the unit printed (its result line aside): most often the error that stopped it.</summary>
    private static string Tail(IReadOnlyList<string> lines)
    {
        var tail = lines.Where(l => !string.IsNullOrWhiteSpace(l) && !UnitResult.TryParse(l, out _)).TakeLast(TailLines).ToList();
        return tail.Count == 0 ? "It printed nothing." : $"Last lines: {string.Join(" | ", tail.Select(l => l.Trim()))}";
    }
}
