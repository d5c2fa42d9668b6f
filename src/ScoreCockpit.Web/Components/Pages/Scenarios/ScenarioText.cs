using MudBlazor;
using ScoreCockpit.Engine.Scenarios.Definition;

namespace ScoreCockpit.Web.Components.Pages.Scenarios;

/// <summary>How a scenario's steps read on its page: an icon per kind and the few settings that say what it does.</summary>
public static class ScenarioText
{
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

    public static string RunIfText(RunIf runIf) => runIf switch
    {
        RunIf.Always => "always",
        RunIf.Failure => "only if a step before failed",
        RunIf.Condition => "if",
        RunIf.Never => "never",
        _ => "if everything before succeeded",
    };

    /// <summary>The settings worth reading at a glance; SQL is shown apart, in a collapsible block.</summary>
    public static IReadOnlyList<(string Label, string Value)> Settings(StepDefinition step)
    {
        var settings = new List<(string, string)>();
        if (step.Score is { } score)
        {
            settings.Add(("score", score));
        }

        switch (step)
        {
            case SetVariablesStep s:
                settings.AddRange(s.Variables.Select(v => (v.Name, $"{v.Value} ({v.Type.ToString().ToLowerInvariant()})")));
                break;
            case RunSqlStep s when s.Connection is { } connection:
                settings.Add(("connection", connection));
                break;
            case BuildSnapshotStep s:
                settings.Add(("date", s.Date ?? "${date_ref}"));
                break;
            case ScoreStep s:
                settings.Add(("date", s.Date ?? "${date_ref}"));
                break;
            case TrainVersionStep s:
                settings.Add(("as of", s.AsOf ?? "the run's day"));
                break;
            case TrainChallengersStep s:
                settings.Add(("as of", s.AsOf ?? "the run's day"));
                break;
            case PurgeVersionsStep s:
                settings.Add(("up to", s.UpTo));
                settings.Add(("dry run", s.DryRun ? "yes" : "no"));
                break;
            case ComputeMetricsStep s:
                settings.Add(("dataset", s.Dataset.Table));
                settings.Add(("metrics", string.Join(", ", s.Metrics.Select(m => m.Name))));
                break;
            case RunChecksStep s:
                settings.Add(("checks", string.Join(", ", s.Checks.Select(c => c.Name))));
                settings.Add(("an ERROR fails the step", s.FailOnError ? "yes" : "no"));
                break;
            case ExportReportStep s:
                settings.Add(("folder", s.Folder ?? "reports/ in the data folder"));
                break;
            case SendMessageStep s:
                settings.Add(("to", s.To.Count == 0 ? "the default recipients" : string.Join(", ", s.To)));
                settings.Add(("subject", s.Subject));
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
