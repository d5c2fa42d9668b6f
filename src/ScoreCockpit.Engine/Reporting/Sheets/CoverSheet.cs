using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Portfolio;

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
        Line(definition.Horizon.InDays ? "Label horizon (days)" : "Label horizon (months)", c => c.Value = definition.Horizon.Amount);
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
        if (auc.Count > 0)
        {
            Label(sheet, row, "Latest forward evaluation");
            ReportStyle.Date(sheet.Cell(row, 2), auc[^1].Date);
            sheet.Cell(row++, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            row = Figure(sheet, row, "AUC", auc, ReportStyle.Ratio, ReportStyle.Change);
            var lift = context.Metrics.FirstOrDefault(m => m.Key == MetricKeys.Lift(10m)) ?? context.Metrics.FirstOrDefault(m => m.Key.StartsWith("lift_", StringComparison.Ordinal));
            if (lift is not null)
            {
                row = Figure(sheet, row, lift.SheetName, context.ActiveOutOfTime(lift.Key), ReportStyle.Lift, "+0.00;-0.00;0.00");
            }
        }

        // The verdict is the portfolio's, computed once for every surface: the cover never judges on its own.
        var health = context.Health;
        Label(sheet, row, "Health");
        sheet.Cell(row, 2).Value = HealthRules.Word(health.Health);
        sheet.Cell(row, 2).Style.Font.Bold = true;
        sheet.Cell(row, 2).Style.Fill.BackgroundColor = health.Health switch
        {
            HealthLevel.Decaying => ReportStyle.Worse,
            HealthLevel.Watch => XLColor.FromArgb(0xF5, 0xD7, 0x9E),
            HealthLevel.Healthy => ReportStyle.Better,
            _ => XLColor.NoColor,
        };
        ReportStyle.Note(sheet.Cell(row, 3), health.HealthReason);
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
            "Forward: a version measured on a date after its validation date, what it does in production; the cover and the health use these only.",
            "Validation: the date the training held out; back-test: a date before its training window; in-sample: a date of its training data. " +
            "In-sample figures sit apart, in grey, under each metric sheet's table.",
            "Thin: a date with fewer rows or positives than the score's minimum; its figures are shown but never judge a version.",
            "Metric sheets (AUC, Lift…, Gini, KS, Brier): one row per version, one column per evaluation date; the active version is bold.",
            "Colours: blue is better, orange is worse, within each sheet. Higher is better except for Brier.",
            "AUC 0.5 is a coin toss, 1 is perfect. Lift 10 % = 3.00: the top tenth by score holds three times the average rate of positives.",
            $"Health: {HealthRules.Rule}",
            $"Deciles: the active version on {(context.DecileDate is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "its latest labelled date")}; Activations: who put which version in production, when and why.",
        ];
        foreach (var line in lines)
        {
            ReportStyle.Note(sheet.Cell(row++, 1), line);
        }
    }
}
