using ScoreCockpit.Engine.Alerts;

namespace ScoreCockpit.Engine.Tests.Alerts;

/// <summary>Runs as the scenario runner reports them, for the alert tests.</summary>
internal static class AlertSamples
{
    public const string PortalUrl = "http://localhost:5000";
    public static readonly DateTimeOffset Started = new(2026, 3, 14, 9, 30, 0, TimeSpan.FromHours(1));

    public static ReporterSettings Ops(bool onFailure = true, bool onWarning = true, bool onSuccess = false) =>
        new(["ops@example.com", "Ana <ana@example.com>"], onFailure, onWarning, onSuccess);

    public static RunReport Failed() => new(
        42, "churn-application", "churn", "Failed", "schedule Wednesdays 11:40", Started, TimeSpan.FromSeconds(252),
        "check volumetry", "row count 12 is below the minimum of 1000",
        [
            new StepReport("set dates", "set-variables", "Succeeded", TimeSpan.FromSeconds(2), null),
            new StepReport("check volumetry", "checks", "Failed", TimeSpan.FromSeconds(250), "row count 12 is below the minimum of 1000"),
            new StepReport("score customers", "score", "Skipped", TimeSpan.Zero, null),
        ],
        [new CheckReport("row count", "ERROR", 12, "below the minimum of 1000")]);

    public static RunReport SucceededWithWarnings() => new(
        43, "churn-application", "churn", "Succeeded", "manual by ana@example.com", Started, TimeSpan.FromMinutes(12), null, null,
        [
            new StepReport("check inputs", "checks", "Succeeded", TimeSpan.FromSeconds(30), null),
            new StepReport("score customers", "score", "Succeeded", TimeSpan.FromSeconds(690), null),
        ],
        [
            new CheckReport("null rate of tenure", "WARNING", 0.0523, "above the warning bound 0.05"),
            new CheckReport("row count", "OK", 10000, "within bounds"),
            new CheckReport("score PSI", "ERROR", 0.31, "above 0.25 against the previous run"),
        ]);

    public static RunReport Succeeded() => SucceededWithWarnings() with { RunId = 44, Checks = [new CheckReport("row count", "OK", 10000, "within bounds")] };

    public static RunReport StillRunning() => new(
        45, "churn-application", "churn", "Running", "schedule Wednesdays 11:40", Started, TimeSpan.FromMinutes(42), null, null,
        [
            new StepReport("set dates", "set-variables", "Succeeded", TimeSpan.FromSeconds(2), null),
            new StepReport("train challengers", "train", "Running", TimeSpan.FromMinutes(41), null),
        ],
        []);
}
