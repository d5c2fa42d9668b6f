using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using ScoreCockpit.Engine.Scenarios.Definition;

namespace ScoreCockpit.Web.Components.Pages.Scenarios;

/// <summary>
/// How a scenario's steps and triggers read on its page: an icon and a name per kind, the few settings that say what it
/// does, and the engine's trigger descriptions in the reader's language (what is stored stays as written).
/// </summary>
public static partial class ScenarioText
{
    /// <summary>The pages' texts in the current UI language, for callers without an injected localizer.</summary>
    private static readonly IStringLocalizer Default =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(ScenarioWords));

    public static string StepIcon(string type) => type switch
    {
        StepTypes.SetVariables => Icons.Material.Filled.DataObject,
        StepTypes.RunSql => Icons.Material.Filled.Code,
        StepTypes.BuildSnapshot => Icons.Material.Filled.CalendarMonth,
        StepTypes.RefreshLabels => Icons.Material.Filled.Autorenew,
        StepTypes.ComputeMetrics => Icons.Material.Filled.Straighten,
        StepTypes.RunChecks => Icons.Material.Filled.FactCheck,
        StepTypes.TrainVersion or StepTypes.TrainChallengers => Icons.Material.Filled.ModelTraining,
        StepTypes.EvaluateAllVersions => Icons.Material.Filled.Insights,
        StepTypes.Score => Icons.Material.Filled.Leaderboard,
        StepTypes.PurgeVersions => Icons.Material.Filled.DeleteSweep,
        StepTypes.ExportReport => Icons.Material.Filled.TableView,
        StepTypes.SendMessage => Icons.Material.Filled.Mail,
        _ => Icons.Material.Filled.PlayArrow,
    };

    /// <summary>A step's kind in the reader's language ("build-snapshot" in English, as the definition writes it).</summary>
    public static string StepKind(string type, IStringLocalizer? words = null) =>
        StepTypes.All.Contains(type) ? (words ?? Default)["Kind_" + type] : type;

    /// <summary>When a step runs, as a phrase: "runs always", "runs only if a step before failed"…</summary>
    public static string RunsWhen(RunIf runIf, IStringLocalizer? words = null) => (words ?? Default)[runIf switch
    {
        RunIf.Always => "RunsAlways",
        RunIf.Failure => "RunsOnFailure",
        RunIf.Condition => "RunsIf",
        RunIf.Never => "RunsNever",
        _ => "RunsOnSuccess",
    }];

    /// <summary>The settings worth reading at a glance; SQL is shown apart, in a collapsible block.</summary>
    public static IReadOnlyList<(string Label, string Value)> Settings(StepDefinition step, IStringLocalizer? words = null)
    {
        var w = words ?? Default;
        string YesNo(bool yes) => w[yes ? "SettingYes" : "SettingNo"];
        var settings = new List<(string, string)>();
        if (step.Score is { } score)
        {
            settings.Add((w["SettingScore"], score));
        }

        switch (step)
        {
            case SetVariablesStep s:
                settings.AddRange(s.Variables.Select(v => (v.Name, $"{v.Value} ({w["VariableType" + v.Type]})")));
                break;
            case RunSqlStep s when s.Connection is { } connection:
                settings.Add((w["SettingConnection"], connection));
                break;
            case BuildSnapshotStep s:
                settings.Add((w["SettingDate"], s.Date ?? "${date_ref}"));
                break;
            case ScoreStep s:
                settings.Add((w["SettingDate"], s.Date ?? "${date_ref}"));
                break;
            case TrainVersionStep s:
                settings.Add((w["SettingAsOf"], s.AsOf ?? w["TheRunsDay"]));
                break;
            case TrainChallengersStep s:
                settings.Add((w["SettingAsOf"], s.AsOf ?? w["TheRunsDay"]));
                break;
            case PurgeVersionsStep s:
                settings.Add((w["SettingUpTo"], s.UpTo));
                settings.Add((w["SettingDryRun"], YesNo(s.DryRun)));
                break;
            case ComputeMetricsStep s:
                settings.Add((w["SettingDataset"], s.Dataset.Table));
                settings.Add((w["SettingMetrics"], string.Join(", ", s.Metrics.Select(m => m.Name))));
                break;
            case RunChecksStep s:
                settings.Add((w["SettingChecks"], string.Join(", ", s.Checks.Select(c => c.Name))));
                settings.Add((w["SettingFailOnError"], YesNo(s.FailOnError)));
                break;
            case ExportReportStep s:
                settings.Add((w["SettingFolder"], s.Folder ?? w["DefaultReportFolder"]));
                break;
            case SendMessageStep s:
                settings.Add((w["SettingTo"], s.To.Count == 0 ? w["DefaultRecipients"] : string.Join(", ", s.To)));
                settings.Add((w["SettingSubject"], s.Subject));
                break;
        }

        return settings;
    }

    /// <summary>The SQL a step runs, if any: a run-sql step's script or a metric's own query.</summary>
    public static string? Sql(StepDefinition step) => step switch
    {
        RunSqlStep s => s.Sql,
        ComputeMetricsStep s when s.Metrics.Any(m => m.Sql is not null) =>
            string.Join("\n\n", s.Metrics.Where(m => m.Sql is not null).Select(m => $"-- {m.Name}\n{m.Sql}")),
        _ => null,
    };

    /// <summary>A small scenario that works on any score with an active version: the new-scenario page starts from it.</summary>
    public const string Template = """
        {
          "steps": [
            {
              "type": "set-variables",
              "name": "dates",
              "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ]
            },
            { "type": "build-snapshot", "name": "snapshot" },
            { "type": "score", "name": "score" }
          ],
          "triggers": [ { "type": "weekly", "days": ["wednesday"], "time": "11:40", "timeZone": "Europe/Paris" } ],
          "catchUp": "latest",
          "reporters": [ { "onFailure": true, "onWarning": true } ]
        }
        """;
}
