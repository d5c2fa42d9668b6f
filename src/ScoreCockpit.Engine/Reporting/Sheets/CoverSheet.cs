using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Evaluation;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>What a stakeholder reads first: the score, who owns it, which version runs, how it does and whether to worry.</summary>
internal static class CoverSheet
{
    public const string Name = "Cover";

    public static void Write(XLWorkbook workbook, ReportContext context)
    {
        var sheet = workbook.Worksheets.Add(Name);
        var definition = context.Score.Definition;
        ReportStyle.Title(sheet, $"{definition.Name} — score report");
        sheet.Column(1).Width = 30;
        sheet.Column(2).Width = 24;
        sheet.Column(3).Width = 60;
        var row = 3;
        void Line(string label, Action<IXLCell> value, string? note = null)
        {
            sheet.Cell(row, 1).Value = label;
            sheet.Cell(row, 1).Style.Font.Bold = true;
            value(sheet.Cell(row, 2));
            sheet.Cell(row, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            if (note is not null)
            {
                ReportStyle.Note(sheet.Cell(row, 3), note);
            }

            row++;
        }

        Line("Description", c => c.Value = definition.Description.Length > 0 ? definition.Description : "(none)");
        Line("Key column", c => c.Value = definition.KeyColumn);
        Line("Target", c => c.Value = definition.TargetColumn);
        Line("Label horizon (months)", c => c.Value = definition.HorizonMonths);
        Line("Owners", c => c.Value = definition.Owners.Count > 0 ? string.Join(", ", definition.Owners) : "(none)");
        row++;

        var active = context.Active;
        var activation = context.Activations.Count > 0 ? context.Activations[0] : null;
        if (active is null || activation is null)
        {
            Line("Active version", c => ReportStyle.Note(c, "none yet"), "An Analyst activates a version on the score's Versions tab, with a comment.");
        }
        else
        {
            Line("Active version", c => ReportStyle.Number(c, active.Number, ReportStyle.VersionNumber),
                $"{active.Algorithm}, trained as of {active.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            Line("Active since", c => ReportStyle.Instant(c, context.Local(activation.ActivatedAt)), $"by {activation.ActivatedBy}: {activation.Comment}");
        }

        row++;
        row = Performance(sheet, row, context);
        row++;
        Line("Generated at", c => ReportStyle.Instant(c, context.GeneratedAt.DateTime), $"by {context.GeneratedBy.Name}, clock of the server ({context.Zone.Id})");
        row++;
        HowToRead(sheet, row, context);
    }

    private static int Performance(IXLWorksheet sheet, int row, ReportContext context)
    {
        var auc = context.ActiveOutOfTime("auc");
        if (auc.Count == 0)
        {
            sheet.Cell(row, 1).Value = "Health";
            sheet.Cell(row, 1).Style.Font.Bold = true;
            sheet.Cell(row, 2).Value = ReportHealth.Word(HealthLevel.Unknown);
            ReportStyle.Note(sheet.Cell(row, 3), context.Active is null
                ? "Activate a version, then evaluate it on labelled dates (Evaluate all versions)."
                : "The active version has no evaluation after its training window yet: run Evaluate all versions once labels are known.");
            return row + 1;
        }

        var latest = auc[^1];
        Label(sheet, row, "Latest out-of-time evaluation");
        ReportStyle.Date(sheet.Cell(row, 2), latest.Date);
        sheet.Cell(row++, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
        row = Figure(sheet, row, "AUC", auc, ReportStyle.Ratio, ReportStyle.Change);
        var lift = context.Metrics.FirstOrDefault(m => m.Key == MetricKeys.Lift(10m)) ?? context.Metrics.FirstOrDefault(m => m.Key.StartsWith("lift_", StringComparison.Ordinal));
        if (lift is not null)
        {
            row = Figure(sheet, row, lift.SheetName, context.ActiveOutOfTime(lift.Key), ReportStyle.Lift, "+0.00;-0.00;0.00");
        }

        var level = ReportHealth.Of(auc[0].Value, latest.Value);
        Label(sheet, row, "Health");
        sheet.Cell(row, 2).Value = ReportHealth.Word(level);
        sheet.Cell(row, 2).Style.Font.Bold = true;
        sheet.Cell(row, 2).Style.Fill.BackgroundColor = level switch
        {
            HealthLevel.Decaying => ReportStyle.Worse,
            HealthLevel.Watch => XLColor.FromArgb(0xF5, 0xD7, 0x9E),
            _ => ReportStyle.Better,
        };
        ReportStyle.Note(sheet.Cell(row, 3), auc.Count == 1
            ? "One evaluation after its training window so far: the next ones are judged against it."
            : string.Create(CultureInfo.InvariantCulture,
                $"AUC {latest.Value:0.000} against {auc[0].Value:0.000} at its first out-of-time evaluation ({auc[0].Date:yyyy-MM-dd})."));
        return row + 1;
    }

    /// <summary>The latest value and its change against the evaluation before it.</summary>
    private static int Figure(IXLWorksheet sheet, int row, string label, IReadOnlyList<PerformancePoint> points, string format, string change)
    {
        Label(sheet, row, label);
        if (points.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(row, 2), "not measured");
            return row + 1;
        }

        ReportStyle.Number(sheet.Cell(row, 2), points[^1].Value, format);
        sheet.Cell(row, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
        if (points.Count > 1)
        {
            var delta = points[^1].Value - points[^2].Value;
            ReportStyle.Note(sheet.Cell(row, 3), string.Create(CultureInfo.InvariantCulture,
                $"{(delta ?? 0).ToString(change, CultureInfo.InvariantCulture)} against the previous evaluation ({points[^2].Date:yyyy-MM-dd})"));
        }
        else
        {
            ReportStyle.Note(sheet.Cell(row, 3), "first out-of-time evaluation: no change to show yet");
        }

        return row + 1;
    }

    private static void Label(IXLWorksheet sheet, int row, string text)
    {
        sheet.Cell(row, 1).Value = text;
        sheet.Cell(row, 1).Style.Font.Bold = true;
    }

    private static void HowToRead(IXLWorksheet sheet, int row, ReportContext context)
    {
        Label(sheet, row++, "How to read");
        string[] lines =
        [
            "Out-of-time: a version measured on a date that was not in its training data. The cover uses the dates after its training window only.",
            "In-sample: the date was in the version's training data; such figures sit apart, in grey, under each metric sheet's table.",
            "Metric sheets (AUC, Lift…, Gini, KS, Brier): one row per version, one column per evaluation date; the active version is bold.",
            "Colours: blue is better, orange is worse, within each sheet. Higher is better except for Brier.",
            "AUC 0.5 is a coin toss, 1 is perfect. Lift 10 % = 3.00: the top tenth by score holds three times the average rate of positives.",
            $"Health: {ReportHealth.Rule}",
            $"Deciles: the active version on {(context.DecileDate is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "its latest labelled date")}; Activations: who put which version in production, when and why.",
        ];
        foreach (var line in lines)
        {
            ReportStyle.Note(sheet.Cell(row++, 1), line);
        }
    }
}
