using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Telemetry;
using ScoreCockpit.Engine.Tests.Scenarios;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Telemetry;

/// <summary>A scenario run as OpenTelemetry sees it: one trace with a span per step, and the run's metrics.</summary>
public sealed class ScenarioTelemetryTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags, ActivityTraceId? Trace);

    [Fact]
    public async Task A_run_is_one_trace_with_a_span_per_step_and_its_metrics_are_recorded()
    {
        await using var store = await ScenarioRunnerTests.ChurnWithActiveVersionAsync(StoreProvider.Sqlite, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("churn-telemetry", "churn", """
            {
              "steps": [
                { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ] },
                { "type": "build-snapshot", "name": "snapshot" },
                { "type": "score", "name": "score" },
                { "type": "run-sql", "name": "dataprep", "sql": "SELECT * FROM no_such_table" },
                { "type": "set-variables", "name": "after", "variables": [ { "name": "done", "type": "integer", "value": "1" } ] }
              ]
            }
            """), Ana, Ct);
        var activities = new ConcurrentQueue<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CockpitTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);
        var measurements = new ConcurrentQueue<Measurement>();
        using var metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CockpitTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        // Other tests run scenarios at the same time: a measurement is this run's when it was taken inside its trace.
        metrics.SetMeasurementEventCallback<long>((i, value, tags, _) => measurements.Enqueue(Of(i, value, tags)));
        metrics.SetMeasurementEventCallback<double>((i, value, tags, _) => measurements.Enqueue(Of(i, value, tags)));
        metrics.Start();

        var due = TestStore.Start.UtcDateTime.AddSeconds(-42);
        var run = await store.Get<ScenarioRunner>().RunAsync(new StartRun("churn-telemetry", "every day at 09:29", due), Ana, Ct);

        Assert.Equal(RunStatus.Failed, run.Status);
        var root = Assert.Single(activities, a => a.OperationName == "scenario run" && (string?)a.GetTagItem("scorecockpit.scenario") == "churn-telemetry");
        Assert.Equal(("churn", (long?)run.Id, "scheduled"), ((string?)root.GetTagItem("scorecockpit.score"), (long?)root.GetTagItem("scorecockpit.run.id"),
            (string?)root.GetTagItem("scorecockpit.trigger.kind")));
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        var steps = activities.Where(a => a.ParentSpanId == root.SpanId && a.TraceId == root.TraceId).OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(["dates", "snapshot", "score", "dataprep", "after"], steps.Select(s => (string?)s.GetTagItem("scorecockpit.step.name")));
        Assert.Equal(["set-variables", "build-snapshot", "score", "run-sql", "set-variables"], steps.Select(s => (string?)s.GetTagItem("scorecockpit.step.kind")));
        Assert.Equal(["succeeded", "succeeded", "succeeded", "failed", "skipped"], steps.Select(s => (string?)s.GetTagItem("scorecockpit.outcome")));
        Assert.Equal(ActivityStatusCode.Error, steps[3].Status);
        Assert.Contains("no_such_table", steps[3].StatusDescription, StringComparison.OrdinalIgnoreCase);
        Assert.All(steps.Where(s => s != steps[3]), s => Assert.Equal(ActivityStatusCode.Unset, s.Status));

        var ours = measurements.Where(m => m.Trace == root.TraceId).ToList();
        var runs = Assert.Single(ours, m => m.Instrument == "scorecockpit.scenario.runs");
        Assert.Equal((1L, "failed", "scheduled"), ((long)runs.Value, (string?)runs.Tags["outcome"], (string?)runs.Tags["trigger.kind"]));
        Assert.Single(ours, m => m.Instrument == "scorecockpit.scenario.run.duration" && m.Value >= 0);
        Assert.Equal(["set-variables:succeeded", "build-snapshot:succeeded", "score:succeeded", "run-sql:failed", "set-variables:skipped"],
            ours.Where(m => m.Instrument == "scorecockpit.scenario.steps").Select(m => $"{m.Tags["step.kind"]}:{m.Tags["outcome"]}"));
        var scoring = (await store.Get<ListScoringRunsHandler>().HandleAsync("churn", ct: Ct)).Single();
        var rows = Assert.Single(ours, m => m.Instrument == "scorecockpit.scoring.rows");
        Assert.Equal(((long)scoring.Rows, "churn"), ((long)rows.Value, (string?)rows.Tags["score"]));
        Assert.True(Assert.Single(ours, m => m.Instrument == "scorecockpit.scoring.rows_per_second").Value > 0);
        Assert.Equal(42, Assert.Single(ours, m => m.Instrument == "scorecockpit.scheduler.lag").Value, precision: 3);
    }

    private static Measurement Of(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var all = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            all[tag.Key] = tag.Value;
        }

        return new Measurement(instrument.Name, value, all, Activity.Current?.TraceId);
    }
}
