using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ScoreCockpit.Engine.Telemetry;

/// <summary>
/// The engine's metrics and traces, in System.Diagnostics terms only: a host that wants them exported (the portal, with
/// OpenTelemetry) listens to <see cref="MeterName"/> and <see cref="SourceName"/>; a host that does not pays almost nothing.
/// Static, because runs, scoring and evaluations are recorded from handlers that hosts create in many ways.
/// </summary>
public static class CockpitTelemetry
{
    public const string MeterName = "ScoreCockpit";
    public const string SourceName = "ScoreCockpit.Scenarios";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> ScenarioRuns = Meter.CreateCounter<long>(
        "scorecockpit.scenario.runs", "{run}", "Scenario runs that ended, by outcome and trigger kind.");

    public static readonly Histogram<double> ScenarioRunDuration = Meter.CreateHistogram<double>(
        "scorecockpit.scenario.run.duration", "s", "How long scenario runs took, by outcome and trigger kind.");

    public static readonly Counter<long> StepOutcomes = Meter.CreateCounter<long>(
        "scorecockpit.scenario.steps", "{step}", "Scenario steps that ended, by step kind and outcome.");

    public static readonly Counter<long> RowsScored = Meter.CreateCounter<long>(
        "scorecockpit.scoring.rows", "{row}", "Customers scored by successful scoring runs, by score.");

    public static readonly Histogram<double> RowsPerSecond = Meter.CreateHistogram<double>(
        "scorecockpit.scoring.rows_per_second", "{row}/s", "Rows scored per second, one value per successful scoring run.");

    public static readonly Counter<long> Evaluations = Meter.CreateCounter<long>(
        "scorecockpit.evaluations", "{evaluation}", "Version evaluations computed, by score and outcome.");

    public static readonly Histogram<double> EvaluationsPerSecond = Meter.CreateHistogram<double>(
        "scorecockpit.evaluations_per_second", "{evaluation}/s", "Evaluations per second, one value per evaluation run.");

    public static readonly Histogram<double> SchedulerLag = Meter.CreateHistogram<double>(
        "scorecockpit.scheduler.lag", "s", "Time between a scheduled fire time and the start of its run.");

    /// <summary>After a successful scoring run of <paramref name="rows"/> customers.</summary>
    public static void Scored(string score, long rows, TimeSpan took)
    {
        var tag = new KeyValuePair<string, object?>("score", score);
        RowsScored.Add(rows, tag);
        if (took > TimeSpan.Zero)
        {
            RowsPerSecond.Record(rows / took.TotalSeconds, tag);
        }
    }

    /// <summary>After an evaluation run that had something to compute.</summary>
    public static void Evaluated(string score, int computed, int failed, TimeSpan took)
    {
        var tag = new KeyValuePair<string, object?>("score", score);
        if (computed > 0)
        {
            Evaluations.Add(computed, tag, new KeyValuePair<string, object?>("outcome", "succeeded"));
        }

        if (failed > 0)
        {
            Evaluations.Add(failed, tag, new KeyValuePair<string, object?>("outcome", "failed"));
        }

        if (computed + failed > 0 && took > TimeSpan.Zero)
        {
            EvaluationsPerSecond.Record((computed + failed) / took.TotalSeconds, tag);
        }
    }
}
