using System.Diagnostics;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Definition;

namespace ScoreCockpit.Engine.Telemetry;

/// <summary>
/// A scenario run's trace and metrics. The runner opens one <see cref="RunScope"/> per run and one <see cref="StepScope"/>
/// per step with <c>using</c>; each reads the outcome from the stored row when it ends, so every exit path of the
/// runner is recorded without the runner having to say so twice.
/// </summary>
public static class ScenarioTelemetry
{
    /// <summary>"manual", "scheduled", "retry" (an interrupted run tried again) or "replay" (the demo's history).</summary>
    public static string TriggerKind(ScenarioRun run, bool replayed) =>
        replayed ? "replay" : run.RetryOf is not null ? "retry" : run.ScheduledFor is not null ? "scheduled" : "manual";

    public static RunScope Run(ScenarioRun run, string? score, bool replayed) => new(run, score, TriggerKind(run, replayed));

    /// <summary>A start that was refused because the scenario was already running: counted, not traced.</summary>
    public static void Skipped(ScenarioRun run) =>
        CockpitTelemetry.ScenarioRuns.Add(1, Outcome(run.Status), new KeyValuePair<string, object?>("trigger.kind", TriggerKind(run, false)));

    public static StepScope Step(StepDefinition step, ScenarioStepRun row) => new(step, row);

    private static KeyValuePair<string, object?> Outcome(RunStatus status) => new("outcome", status.ToString().ToLowerInvariant());

    public sealed class RunScope : IDisposable
    {
        private readonly ScenarioRun _run;
        private readonly string _trigger;
        private readonly Activity? _activity;
        private readonly long _started = Stopwatch.GetTimestamp();

        internal RunScope(ScenarioRun run, string? score, string trigger)
        {
            (_run, _trigger) = (run, trigger);
            _activity = CockpitTelemetry.Source.StartActivity("scenario run");
            _activity?.SetTag("scorecockpit.score", score);
            _activity?.SetTag("scorecockpit.scenario", run.ScenarioName);
            _activity?.SetTag("scorecockpit.run.id", run.Id);
            _activity?.SetTag("scorecockpit.trigger", run.Trigger);
            _activity?.SetTag("scorecockpit.trigger.kind", trigger);
            // Recorded inside the run's activity, so a listener can tell this run's lag from another's.
            if (trigger == "scheduled" && run.ScheduledFor is { } due)
            {
                CockpitTelemetry.SchedulerLag.Record(Math.Max(0, (run.StartedAt - due).TotalSeconds));
            }
        }

        public void Dispose()
        {
            var outcome = Outcome(_run.Status == RunStatus.Running ? RunStatus.Interrupted : _run.Status);
            var trigger = new KeyValuePair<string, object?>("trigger.kind", _trigger);
            CockpitTelemetry.ScenarioRuns.Add(1, outcome, trigger);
            var seconds = _run.FinishedAt is not null ? _run.DurationMs / 1000.0 : Stopwatch.GetElapsedTime(_started).TotalSeconds;
            CockpitTelemetry.ScenarioRunDuration.Record(seconds, outcome, trigger);
            if (_activity is not null)
            {
                _activity.SetTag("scorecockpit.outcome", outcome.Value);
                if (_run.Status != RunStatus.Succeeded)
                {
                    _activity.SetStatus(ActivityStatusCode.Error, _run.Failure ?? $"The run ended {outcome.Value}.");
                }

                _activity.Dispose();
            }
        }
    }

    public sealed class StepScope : IDisposable
    {
        private readonly StepDefinition _step;
        private readonly ScenarioStepRun _row;
        private readonly Activity? _activity;

        internal StepScope(StepDefinition step, ScenarioStepRun row)
        {
            (_step, _row) = (step, row);
            _activity = CockpitTelemetry.Source.StartActivity("scenario step");
            _activity?.SetTag("scorecockpit.step.name", step.Name);
            _activity?.SetTag("scorecockpit.step.kind", step.Type);
        }

        public void Dispose()
        {
            // A step still running here was cut short: the run was cancelled or its process is stopping.
            var outcome = _row.Status switch
            {
                StepStatus.Pending or StepStatus.Running => "interrupted",
                var status => status.ToString().ToLowerInvariant(),
            };
            CockpitTelemetry.StepOutcomes.Add(1, new("step.kind", _step.Type), new("outcome", outcome));
            if (_activity is not null)
            {
                _activity.SetTag("scorecockpit.outcome", outcome);
                if (_row.Status is StepStatus.Failed or StepStatus.Pending or StepStatus.Running or StepStatus.Interrupted)
                {
                    _activity.SetStatus(ActivityStatusCode.Error, _row.Message ?? $"The step ended {outcome}.");
                }

                _activity.Dispose();
            }
        }
    }
}
