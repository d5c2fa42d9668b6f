using ScoreCockpit.Engine.Scenarios.Conditions;

namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>The typed outputs each kind of step gives, so conditions naming them are checked when saved.</summary>
public static class StepOutputCatalog
{
    public static IReadOnlyDictionary<string, ValueKind> For(StepDefinition step) => step switch
    {
        SetVariablesStep set => set.Variables.ToDictionary(v => v.Name, v => Values.KindOf(v.Type)),
        RunSqlStep => Of(("rows_affected", ValueKind.Number)),
        BuildSnapshotStep => Of(("rows", ValueKind.Number), ("reference_date", ValueKind.Date), ("table", ValueKind.Text)),
        ComputeMetricsStep metrics => metrics.Metrics.ToDictionary(m => m.Name, _ => ValueKind.Number),
        RunChecksStep checks => checks.Checks.ToDictionary(c => c.Name, _ => ValueKind.Status)
            .Append(new KeyValuePair<string, ValueKind>("worst", ValueKind.Status)).Append(new KeyValuePair<string, ValueKind>("warnings", ValueKind.Number))
            .DistinctBy(p => p.Key).ToDictionary(),
        TrainVersionStep => Of(("version", ValueKind.Number), ("auc", ValueKind.Number), ("reused", ValueKind.Boolean)),
        TrainChallengersStep => Of(("count", ValueKind.Number)),
        RefreshLabelsStep => Of(("refreshed", ValueKind.Number), ("labels_changed", ValueKind.Number)),
        EvaluateAllVersionsStep => Of(("evaluations", ValueKind.Number), ("failed", ValueKind.Number), ("latest_date", ValueKind.Date)),
        ScoreStep => Of(("rows", ValueKind.Number), ("mean", ValueKind.Number), ("psi", ValueKind.Number), ("reference_date", ValueKind.Date)),
        PurgeVersionsStep => Of(("purged", ValueKind.Number)),
        ExportReportStep => Of(("path", ValueKind.Text)),
        SendMessageStep => Of(("recipients", ValueKind.Number)),
        _ => new Dictionary<string, ValueKind>(),
    };

    private static Dictionary<string, ValueKind> Of(params (string Key, ValueKind Kind)[] outputs) =>
        outputs.ToDictionary(o => o.Key, o => o.Kind);
}
