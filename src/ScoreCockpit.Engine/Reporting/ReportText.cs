using System.Globalization;
using System.Resources;
using ScoreCockpit.Engine.Localization;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>Names the resources of the Excel reports (sheet names, titles, headers, notes, status words), in English and French.</summary>
public sealed class ReportText
{
    private static readonly ResourceManager Resources = new(typeof(ReportText));

    private ReportText()
    {
    }

    /// <summary>The report texts in the reader's language.</summary>
    public static Texts For(CultureInfo culture) => new(Resources, culture);

    /// <summary>Succeeded, Failed…: a stored run status in the reader's words.</summary>
    public static string Status(Texts texts, Scoring.ScoringStatus status) => texts["Status" + status];

    /// <summary>ok, warning, alert, none: a stored PSI level in the reader's words; an unknown level stays as stored.</summary>
    public static string DriftLevel(Texts texts, string level) => level switch
    {
        "none" => texts["DriftNone"],
        "ok" => texts["DriftOk"],
        "warning" => texts["DriftWarning"],
        "alert" => texts["DriftAlert"],
        _ => level,
    };

    /// <summary>OK, WARNING, ERROR: a stored check status in the reader's words; anything else stays as stored.</summary>
    public static string CheckStatus(Texts texts, string status) => status.ToUpperInvariant() switch
    {
        "OK" => texts["CheckOk"],
        "WARNING" => texts["CheckWarning"],
        "ERROR" => texts["CheckError"],
        _ => status,
    };

    /// <summary>forward, validation, in-sample, back-test in the reader's words.</summary>
    public static string Kind(Texts texts, Evaluation.EvaluationKind kind) => texts["Kind" + kind];

    /// <summary>"Lift 10 %", "Lift à 10 %": a lift cut-off's sheet name and label.</summary>
    public static string Lift(Texts texts, decimal cutoff) => texts.Format("MetricLift", cutoff);
}
