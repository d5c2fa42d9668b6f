using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;

namespace ScoreCockpit.Engine.Demo;

/// <summary>
/// Each demo score's two production scenarios — the weekly application and the monthly retrain — and fourteen months of
/// their runs replayed, so the Runs and Data quality pages open with history (the incident month's volumetry error
/// included).
/// </summary>
public sealed class DemoScenarios(SaveScenarioHandler save, ScenarioRunner runner)
{
    /// <summary>Enough months before the data incident (month 21) for its usual range to be known.</summary>
    public const int ReplayedMonths = 14;
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string Application(string score) => $"{score}-application";

    public static string Retrain(string score) => $"{score}-retrain";

    public async Task SaveAsync(CancellationToken ct)
    {
        foreach (var score in DemoScores.All)
        {
            await save.HandleAsync(new SaveScenario(Application(score.Name), score.Name, ApplicationJson,
                "Every Wednesday: measure and check this month's extract, build the snapshot, score the customers, check the score's drift."), Actor.System, ct);
            await save.HandleAsync(new SaveScenario(Retrain(score.Name), score.Name, RetrainJson,
                "On the 1st: train the month's version and its challengers, evaluate every version on the newly labelled month, export the report. Activation stays a person's decision."), Actor.System, ct);
        }
    }

    /// <summary>Replays a score's runs of the last months, each dated when its trigger would have fired.</summary>
    public async Task<int> ReplayAsync(string score, DemoOptions options, CancellationToken ct)
    {
        var runs = 0;
        for (var month = options.Months - ReplayedMonths + 1; month <= options.Months; month++)
        {
            var monthEnd = options.ReferenceDate(month);
            var firstOfNext = monthEnd.AddDays(1);
            var wednesday = firstOfNext.AddDays(((int)DayOfWeek.Wednesday - (int)firstOfNext.DayOfWeek + 7) % 7);
            await ReplayOneAsync(Retrain(score), firstOfNext, new TimeOnly(6, 0), "The 1st of each month at 06:00 (Europe/Paris)", ct);
            await ReplayOneAsync(Application(score), wednesday, new TimeOnly(11, 40), "Wednesdays at 11:40 (Europe/Paris)", ct);
            runs += 2;
        }

        return runs;
    }

    private async Task ReplayOneAsync(string scenario, DateOnly day, TimeOnly at, string trigger, CancellationToken ct)
    {
        var fire = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(at), Paris);
        await runner.RunAsync(new StartRun(scenario, $"{trigger} (demo history)", fire, day, ReplayedAt: fire), Actor.System, ct);
    }

    private const string ApplicationJson = """
        {
          "steps": [
            { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ] },
            { "type": "compute-metrics", "name": "measure extract", "dataset": { "table": "usage_${date_ref_yyyymm}" },
              "metrics": [
                { "name": "row_count", "kind": "row-count" },
                { "name": "null_rate_data_prev", "kind": "null-rate", "column": "data_gb_prev_3m" },
                { "name": "mean_charges", "kind": "mean", "column": "monthly_charges" }
              ] },
            { "type": "run-checks", "name": "check extract",
              "checks": [
                { "name": "volumetry", "kind": "usual-range", "metric": "row_count", "history": 6, "warningChangePercent": 10, "errorChangePercent": 20 },
                { "name": "charges_range", "kind": "bounds", "metric": "mean_charges", "warningMin": 20, "errorMin": 0, "warningMax": 200, "errorMax": 500 }
              ] },
            { "type": "build-snapshot", "name": "snapshot" },
            { "type": "score", "name": "score" },
            { "type": "run-checks", "name": "check score drift", "failOnError": false, "checks": [ { "name": "score_psi", "kind": "score-psi" } ] }
          ],
          "triggers": [ { "type": "weekly", "days": ["wednesday"], "time": "11:40", "timeZone": "Europe/Paris" } ],
          "catchUp": "latest",
          "reporters": [ { "to": [] } ]
        }
        """;

    private const string RetrainJson = """
        {
          "steps": [
            { "type": "train-version", "name": "train" },
            { "type": "train-challengers", "name": "challengers" },
            { "type": "evaluate-all-versions", "name": "evaluate" },
            { "type": "export-report", "name": "report" }
          ],
          "triggers": [ { "type": "monthly", "day": 1, "time": "06:00", "timeZone": "Europe/Paris" } ],
          "catchUp": "latest",
          "reporters": [ { "to": [], "onSuccess": true } ],
          "durationLimitMinutes": 60
        }
        """;
}
