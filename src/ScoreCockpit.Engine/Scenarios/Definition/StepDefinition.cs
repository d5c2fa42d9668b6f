using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>When a step runs, given what happened before it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunIf>))]
public enum RunIf
{
    /// <summary>Only if every step before it that ran succeeded (the default).</summary>
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("always")] Always,

    /// <summary>Only if a step before it failed.</summary>
    [JsonStringEnumMemberName("failure")] Failure,

    /// <summary>If the step's condition holds (and nothing before it failed).</summary>
    [JsonStringEnumMemberName("condition")] Condition,
    [JsonStringEnumMemberName("never")] Never,
}

/// <summary>One step of a scenario. The JSON "type" names the kind; each kind adds its own settings.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SetVariablesStep), StepTypes.SetVariables)]
[JsonDerivedType(typeof(RunSqlStep), StepTypes.RunSql)]
[JsonDerivedType(typeof(BuildSnapshotStep), StepTypes.BuildSnapshot)]
[JsonDerivedType(typeof(ComputeMetricsStep), StepTypes.ComputeMetrics)]
[JsonDerivedType(typeof(RunChecksStep), StepTypes.RunChecks)]
[JsonDerivedType(typeof(TrainVersionStep), StepTypes.TrainVersion)]
[JsonDerivedType(typeof(TrainChallengersStep), StepTypes.TrainChallengers)]
[JsonDerivedType(typeof(EvaluateAllVersionsStep), StepTypes.EvaluateAllVersions)]
[JsonDerivedType(typeof(RefreshLabelsStep), StepTypes.RefreshLabels)]
[JsonDerivedType(typeof(ScoreStep), StepTypes.Score)]
[JsonDerivedType(typeof(PurgeVersionsStep), StepTypes.PurgeVersions)]
[JsonDerivedType(typeof(ExportReportStep), StepTypes.ExportReport)]
[JsonDerivedType(typeof(SendMessageStep), StepTypes.SendMessage)]
public abstract record StepDefinition
{
    public string Name { get; init; } = "";
    public RunIf RunIf { get; init; } = RunIf.Success;

    /// <summary>With <see cref="RunIf.Condition"/>: a typed expression, e.g. <c>check('volumetry') != 'ERROR'</c>.</summary>
    public string? Condition { get; init; }

    /// <summary>The score the step works on; defaults to the scenario's score.</summary>
    public string? Score { get; init; }

    /// <summary>The JSON type name of this kind of step.</summary>
    [JsonIgnore]
    public string Type => StepTypes.Of(this);
}

public static class StepTypes
{
    public const string SetVariables = "set-variables";
    public const string RunSql = "run-sql";
    public const string BuildSnapshot = "build-snapshot";
    public const string ComputeMetrics = "compute-metrics";
    public const string RunChecks = "run-checks";
    public const string TrainVersion = "train-version";
    public const string TrainChallengers = "train-challengers";
    public const string EvaluateAllVersions = "evaluate-all-versions";
    public const string RefreshLabels = "refresh-labels";
    public const string Score = "score";
    public const string PurgeVersions = "purge-versions";
    public const string ExportReport = "export-report";
    public const string SendMessage = "send-message";

    public static IReadOnlyList<string> All { get; } =
    [
        SetVariables, RunSql, BuildSnapshot, RefreshLabels, ComputeMetrics, RunChecks, TrainVersion, TrainChallengers,
        EvaluateAllVersions, Score, PurgeVersions, ExportReport, SendMessage,
    ];

    public static string Of(StepDefinition step) => step switch
    {
        SetVariablesStep => SetVariables,
        RunSqlStep => RunSql,
        BuildSnapshotStep => BuildSnapshot,
        ComputeMetricsStep => ComputeMetrics,
        RunChecksStep => RunChecks,
        TrainVersionStep => TrainVersion,
        TrainChallengersStep => TrainChallengers,
        EvaluateAllVersionsStep => EvaluateAllVersions,
        RefreshLabelsStep => RefreshLabels,
        ScoreStep => Score,
        PurgeVersionsStep => PurgeVersions,
        ExportReportStep => ExportReport,
        SendMessageStep => SendMessage,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "Unknown step kind"),
    };

    /// <summary>Steps that need a score, from the step or from the scenario.</summary>
    public static bool NeedsScore(string type) => type is not (SetVariables or RunSql or SendMessage or ComputeMetrics or RunChecks);
}
