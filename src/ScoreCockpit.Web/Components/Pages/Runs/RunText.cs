using System.Globalization;
using MudBlazor;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Web.Components.Pages.Runs;

/// <summary>How the Scenarios and Runs pages write statuses, durations and times, in one place so tests read the same text.</summary>
public static class RunText
{
    public static string Word(RunStatus status) => status.ToString().ToLowerInvariant();

    public static string Word(StepStatus status) => status.ToString().ToLowerInvariant();

    public static Color Colour(RunStatus status) => status switch
    {
        RunStatus.Succeeded => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Interrupted => Color.Warning,
        RunStatus.Skipped => Color.Default,
        _ => Color.Info,
    };

    public static Color Colour(StepStatus status) => status switch
    {
        StepStatus.Succeeded => Color.Success,
        StepStatus.Failed => Color.Error,
        StepStatus.Interrupted => Color.Warning,
        StepStatus.Running => Color.Info,
        _ => Color.Default,
    };

    /// <summary>A distinct icon shape per status, for readers who cannot tell the chip colours apart.</summary>
    public static string Icon(RunStatus status) => status switch
    {
        RunStatus.Succeeded => Icons.Material.Filled.CheckCircle,
        RunStatus.Failed => Icons.Material.Filled.Error,
        RunStatus.Interrupted => Icons.Material.Filled.PowerOff,
        RunStatus.Skipped => Icons.Material.Filled.SkipNext,
        _ => Icons.Material.Filled.HourglassTop,
    };

    public static string Icon(StepStatus status) => status switch
    {
        StepStatus.Succeeded => Icons.Material.Filled.CheckCircle,
        StepStatus.Failed => Icons.Material.Filled.Error,
        StepStatus.Interrupted => Icons.Material.Filled.PowerOff,
        StepStatus.Skipped => Icons.Material.Filled.SkipNext,
        StepStatus.Running => Icons.Material.Filled.HourglassTop,
        _ => Icons.Material.Filled.Schedule,
    };

    /// <summary>"0 s", "12 s", "1 min 12 s", "2 h 5 min".</summary>
    public static string Duration(long milliseconds)
    {
        var t = TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        if (t.TotalSeconds < 1)
        {
            return milliseconds <= 0 ? "0 s" : "< 1 s";
        }

        if (t.TotalMinutes < 1)
        {
            return $"{t.Seconds} s";
        }

        return t.TotalHours < 1 ? $"{t.Minutes} min {t.Seconds} s" : $"{(int)t.TotalHours} h {t.Minutes} min";
    }

    /// <summary>"in 3 days", "in 2 h", "in 5 min", "5 min ago": a hint next to an exact time.</summary>
    public static string Relative(DateTime utc, DateTimeOffset now)
    {
        var delta = DateTime.SpecifyKind(utc, DateTimeKind.Utc) - now.UtcDateTime;
        var span = delta.Duration();
        var amount = span.TotalDays >= 1 ? Plural((int)span.TotalDays, "day")
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min"
            : "";
        if (amount.Length == 0)
        {
            return "now";
        }

        return delta > TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }

    public static string Date(DateOnly date) => CockpitDates.Day(date);

    public static string Short(string? text, int length = 80) =>
        text is null ? "" : text.Length > length ? text[..length] + "…" : text;

    /// <summary>What a skipped or interrupted step means, in words; null when the status says it all.</summary>
    public static string? Explain(StepStatus status, string? message) => status switch
    {
        StepStatus.Skipped => $"Not run. {message ?? "The run was skipped."}",
        StepStatus.Interrupted => "The portal stopped while this step was running; the next start marked the run interrupted. Run the scenario again.",
        StepStatus.Pending => "Did not start.",
        _ => null,
    };

    public static string? Explain(RunStatus status) => status switch
    {
        RunStatus.Interrupted => "The portal stopped during this run; its steps did not finish. Run the scenario again.",
        RunStatus.Skipped => "This start was not run (see the reason); nothing was changed.",
        RunStatus.Running => "Still running: reload the page to follow it.",
        _ => null,
    };

    /// <summary>The snackbar after a run started from the portal.</summary>
    public static (string Text, bool Good) Outcome(ScenarioRun run) => run.Status switch
    {
        RunStatus.Succeeded => ($"Run {run.Id} of {run.ScenarioName} succeeded in {Duration(run.DurationMs)}.", true),
        RunStatus.Skipped => ($"Run {run.Id} of {run.ScenarioName} was skipped: {run.Failure}", false),
        _ => ($"Run {run.Id} of {run.ScenarioName} {Word(run.Status)} at step {run.FailedStep}: {run.Failure}", false),
    };

    /// <summary>
    /// Run variables typed one per line as NAME=VALUE: a yyyy-MM-dd value is a date, a whole number an integer, a
    /// dotted number a decimal, anything else text (as the command line reads them).
    /// </summary>
    public static IReadOnlyList<Variable> ParseVariables(string? lines)
    {
        var variables = new List<Variable>();
        foreach (var line in (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CockpitValidationException($"'{line}' is not NAME=VALUE: write one variable a line, e.g. date_ref=2026-02-28.");
            }

            var (name, value) = (VariableNames.Validate(line[..equals].Trim()), line[(equals + 1)..].Trim());
            var type = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? VariableType.Date
                : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? VariableType.Integer
                : decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) ? VariableType.Decimal
                : VariableType.Text;
            var variable = new Variable(name, type, value);
            variable.Parse();
            variables.Add(variable);
        }

        return variables;
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
