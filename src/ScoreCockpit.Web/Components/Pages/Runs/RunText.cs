using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Web.Components.Pages.Runs;

/// <summary>How the Scenarios and Runs pages write statuses, durations and times, in one place so tests read the same text.</summary>
public static class RunText
{
    /// <summary>The pages' texts in the current UI language, for callers without an injected localizer.</summary>
    internal static IStringLocalizer Words { get; } =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(RunWords));

    /// <summary>The status as stored, lower-case: what data-status attributes and tests compare.</summary>
    public static string Word(RunStatus status) => status.ToString().ToLowerInvariant();

    public static string Word(StepStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The status as the reader sees it, in their language.</summary>
    public static string Shown(RunStatus status, IStringLocalizer? words = null) => (words ?? Words)["Status" + status];

    public static string Shown(StepStatus status, IStringLocalizer? words = null) => (words ?? Words)["Status" + status];

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
    public static string Relative(DateTime utc, DateTimeOffset now, IStringLocalizer? words = null)
    {
        words ??= Words;
        var delta = DateTime.SpecifyKind(utc, DateTimeKind.Utc) - now.UtcDateTime;
        var span = delta.Duration();
        var amount = span.TotalDays >= 1 ? ((int)span.TotalDays == 1 ? words["OneDay"] : words["Days", (int)span.TotalDays])
            : span.TotalHours >= 1 ? words["Hours", (int)span.TotalHours]
            : span.TotalMinutes >= 1 ? words["Minutes", (int)span.TotalMinutes]
            : null;
        if (amount is null)
        {
            return words["Now"];
        }

        return delta > TimeSpan.Zero ? words["InTime", amount.Value] : words["TimeAgo", amount.Value];
    }

    public static string Date(DateOnly date) => CockpitDates.Day(date);

    public static string Short(string? text, int length = 80) =>
        text is null ? "" : text.Length > length ? text[..length] + "…" : text;

    /// <summary>What a skipped or interrupted step means, in words; null when the status says it all.</summary>
    public static string? Explain(StepStatus status, string? message, IStringLocalizer? words = null)
    {
        words ??= Words;
        return status switch
        {
            StepStatus.Skipped => words["NotRun", message ?? words["RunWasSkipped"]].Value,
            StepStatus.Interrupted => words["ExplainStepInterrupted"].Value,
            StepStatus.Pending => words["ExplainStepPending"].Value,
            _ => null,
        };
    }

    public static string? Explain(RunStatus status, IStringLocalizer? words = null)
    {
        words ??= Words;
        return status switch
        {
            RunStatus.Interrupted => words["ExplainRunInterrupted"].Value,
            RunStatus.Skipped => words["ExplainRunSkipped"].Value,
            RunStatus.Running => words["ExplainRunRunning"].Value,
            _ => null,
        };
    }

    /// <summary>The snackbar after a run started from the portal.</summary>
    public static (string Text, bool Good) Outcome(ScenarioRun run, IStringLocalizer? words = null)
    {
        words ??= Words;
        return run.Status switch
        {
            RunStatus.Succeeded => (words["OutcomeSucceeded", run.Id, run.ScenarioName, Duration(run.DurationMs)], true),
            RunStatus.Skipped => (words["OutcomeSkipped", run.Id, run.ScenarioName, run.Failure ?? ""], false),
            _ => (words["OutcomeFailed", run.Id, run.ScenarioName, Shown(run.Status, words), run.FailedStep ?? "", run.Failure ?? ""], false),
        };
    }

    /// <summary>"step: " before a failure, when the failing step is known.</summary>
    public static string StepPrefix(string? step, IStringLocalizer? words = null) => step is null ? "" : (words ?? Words)["StepPrefix", step];

    /// <summary>
    /// Run variables typed one per line as NAME=VALUE: a yyyy-MM-dd value is a date, a whole number an integer, a
    /// dotted number a decimal, anything else text (as the command line reads them).
    /// </summary>
    public static IReadOnlyList<Variable> ParseVariables(string? lines, IStringLocalizer? words = null)
    {
        var variables = new List<Variable>();
        foreach (var line in (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CockpitValidationException((words ?? Words)["NotNameValue", line]);
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
}
