using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>What alert mails say about a run; the scenario runner fills it in.</summary>
/// <param name="Status">Succeeded, Failed, Interrupted or Skipped.</param>
public sealed record RunReport(
    long RunId, string ScenarioName, string? ScoreName, string Status, string Trigger, DateTimeOffset StartedAt,
    TimeSpan Duration, string? FailedStep, string? Reason, IReadOnlyList<StepReport> Steps, IReadOnlyList<CheckReport> Checks);

public sealed record StepReport(string Name, string Type, string Status, TimeSpan Duration, string? Error);

/// <param name="Status">OK, WARNING or ERROR.</param>
public sealed record CheckReport(string Name, string Status, double? Value, string Message);

/// <summary>A scenario's reporter: who gets mails and for which outcomes (camelCase in scenario JSON).</summary>
public sealed record ReporterSettings(
    [property: JsonPropertyName("to")] IReadOnlyList<string> To,
    [property: JsonPropertyName("onFailure")] bool OnFailure = true,
    [property: JsonPropertyName("onWarning")] bool OnWarning = true,
    [property: JsonPropertyName("onSuccess")] bool OnSuccess = false,
    [property: JsonPropertyName("onDuration")] bool OnDuration = true);

/// <summary>The words alert mails use for run, step and check statuses.</summary>
public static class RunStatuses
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Interrupted = "Interrupted";
    public const string Skipped = "Skipped";
    public const string Running = "Running";
    public const string CheckOk = "OK";
    public const string CheckWarning = "WARNING";
    public const string CheckError = "ERROR";
}
