using System.Globalization;
using Microsoft.Extensions.Localization;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Reporting;

namespace ScoreCockpit.Web.Components.Pages.Scores.Performance;

/// <summary>How the score page writes metrics, dates and differences, in one place so tables, charts and tests agree.</summary>
public static class PerformanceText
{
    /// <summary>The metrics offered over time: the ranking ones, lift and capture at the score's cut-offs, and calibration.</summary>
    public static IReadOnlyList<string> ChartMetrics(IReadOnlyList<decimal> cutoffs) =>
        [.. MetricKeys.For(cutoffs).Where(k => k is not ("log_loss" or "base_rate"))];

    public static string Label(string metric, IStringLocalizer<PerformanceWords> words) => metric switch
    {
        "auc" => "AUC",
        "gini" => "Gini",
        "ks" => "KS",
        "brier" => "Brier",
        "log_loss" => "Log-loss",
        "base_rate" => words["MetricBaseRate"],
        _ when metric.StartsWith("lift_", StringComparison.Ordinal) => words["MetricLiftAt", metric[5..]],
        _ when metric.StartsWith("capture_", StringComparison.Ordinal) => words["MetricCaptureAt", metric[8..]],
        _ => metric,
    };

    /// <summary>AUC-like figures with 3 decimals, lifts with 2, captures as a percentage.</summary>
    public static string Value(string metric, double? value) => value is not { } v ? "—" : metric switch
    {
        _ when metric.StartsWith("lift_", StringComparison.Ordinal) => Lift(v),
        _ when metric.StartsWith("capture_", StringComparison.Ordinal) => v.ToString("0.0 %", CultureInfo.CurrentCulture),
        _ => Auc(v),
    };

    public static string Auc(double? auc) => auc?.ToString("0.000", CultureInfo.CurrentCulture) ?? "—";

    public static string Lift(double? lift) => lift?.ToString("0.00", CultureInfo.CurrentCulture) ?? "—";

    /// <summary>A date in the cockpit's one date style.</summary>
    public static string Date(DateOnly date) => CockpitDates.Day(date);

    /// <summary>A date as Plotly and URLs read it, whatever the reader's culture (the chart's axis then formats it).</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"in-sample", "back-test", "validation", "thin": the tag of a figure that is not forward performance.</summary>
    public static string KindWord(EvaluationKind kind, bool thin, IStringLocalizer<PerformanceWords> words) =>
        words[thin ? "KindThin" : "Kind" + kind];

    /// <summary>Why a figure does not count as the version's performance, for titles and tooltips.</summary>
    public static string Caveat(EvaluationKind kind, bool thin, IStringLocalizer<PerformanceWords> words) =>
        words[thin ? "CaveatThin" : "Caveat" + kind];

    /// <summary>"+0.012 [0.004, 0.020], better": significant when the 95 % interval excludes 0.</summary>
    public static string Difference(AucDifference? difference, IStringLocalizer<PerformanceWords> words) => difference is not { } d ? "—"
        : words["DifferenceFormat", Signed(d.Difference), Auc(d.Lower), Auc(d.Upper), Verdict(d, words)];

    public static string Verdict(AucDifference d, IStringLocalizer<PerformanceWords> words) =>
        words[d.Lower > 0 ? "VerdictBetter" : d.Upper < 0 ? "VerdictWorse" : "VerdictNoClearDifference"];

    private static string Signed(double value) =>
        (value > 0 ? "+" : "") + value.ToString("0.000", CultureInfo.CurrentCulture);

    public static string CompareUrl(string score, IEnumerable<int> versions, DateOnly? from = null, DateOnly? to = null)
    {
        var url = $"scores/{Uri.EscapeDataString(score)}/compare?versions={string.Join(',', versions.Distinct().Order())}";
        if (from is { } f)
        {
            url += $"&from={Iso(f)}";
        }

        return to is { } t ? url + $"&to={Iso(t)}" : url;
    }
}
