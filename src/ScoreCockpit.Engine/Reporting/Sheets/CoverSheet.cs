using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Portfolio;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>What a stakeholder reads first: the score, who owns it, which version runs, how it does and whether to worry.</summary>
internal static class CoverSheet
{
    public static void Write(XLWorkbook workbook, ReportContext context)
    {
        var text = context.Text;
        var sheet = workbook.Worksheets.Add(text["SheetCover"]);
        var definition = context.Score.Definition;
        ReportStyle.Title(sheet, text.Format("CoverTitle", definition.Name));
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

        Line(text["Description"], c => c.Value = definition.Description.Length > 0 ? definition.Description : text["None"]);
        Line(text["KeyColumn"], c => c.Value = definition.KeyColumn);
        Line(text["Target"], c => c.Value = definition.TargetColumn);
        Line(text[definition.Horizon.InDays ? "HorizonDays" : "HorizonMonths"], c => c.Value = definition.Horizon.Amount);
        Line(text["Owners"], c => c.Value = definition.Owners.Count > 0 ? string.Join(", ", definition.Owners) : text["None"]);
        row++;

        var active = context.Active;
        var activation = context.Activations.Count > 0 ? context.Activations[0] : null;
        if (active is null || activation is null)
        {
            Line(text["ActiveVersion"], c => ReportStyle.Note(c, text["NoneYet"]), text["ActivateHint"]);
        }
        else
        {
            Line(text["ActiveVersion"], c => ReportStyle.Number(c, active.Number, ReportStyle.VersionNumber),
                text.Format("TrainedAsOf", active.Algorithm, Iso(active.AsOfDate)));
            Line(text["ActiveSince"], c => ReportStyle.Instant(c, context.Local(activation.ActivatedAt)),
                text.Format("ActivatedBy", activation.ActivatedBy, activation.Comment));
        }

        row++;
        row = Performance(sheet, row, context);
        row++;
        Line(text["GeneratedAt"], c => ReportStyle.Instant(c, context.GeneratedAt.DateTime), text.Format("GeneratedBy", context.GeneratedBy.Name, context.Zone.Id));
        row++;
        HowToRead(sheet, row, context);
    }

    /// <summary>A day as the tables write it, ISO in every language.</summary>
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Performance(IXLWorksheet sheet, int row, ReportContext context)
    {
        var text = context.Text;
        var auc = context.ActiveOutOfTime("auc");
        if (auc.Count > 0)
        {
            Label(sheet, row, text["LatestForward"]);
            ReportStyle.Date(sheet.Cell(row, 2), auc[^1].Date);
            sheet.Cell(row++, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            row = Figure(sheet, row, text, "AUC", auc, ReportStyle.Ratio, ReportStyle.Change);
            var lift = context.Metrics.FirstOrDefault(m => m.Key == MetricKeys.Lift(10m)) ?? context.Metrics.FirstOrDefault(m => m.Key.StartsWith("lift_", StringComparison.Ordinal));
            if (lift is not null)
            {
                row = Figure(sheet, row, text, lift.SheetName, context.ActiveOutOfTime(lift.Key), ReportStyle.Lift, "+0.00;-0.00;0.00");
            }
        }

        // The verdict is the portfolio's, computed once for every surface: the cover never judges on its own.
        var health = context.Health;
        Label(sheet, row, text["Health"]);
        sheet.Cell(row, 2).Value = HealthRules.WordIn(health.Health, context.Culture);
        sheet.Cell(row, 2).Style.Font.Bold = true;
        sheet.Cell(row, 2).Style.Fill.BackgroundColor = health.Health switch
        {
            HealthLevel.Decaying => ReportStyle.Worse,
            HealthLevel.Watch => XLColor.FromArgb(0xF5, 0xD7, 0x9E),
            HealthLevel.Healthy => ReportStyle.Better,
            _ => XLColor.NoColor,
        };
        ReportStyle.Note(sheet.Cell(row, 3), health.HealthReasonIn(context.Culture));
        return row + 1;
    }

    /// <summary>The latest value and its change against the evaluation before it.</summary>
    private static int Figure(
        IXLWorksheet sheet, int row, Texts text, string label, IReadOnlyList<PerformancePoint> points, string format, string change)
    {
        Label(sheet, row, label);
        if (points.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(row, 2), text["NotMeasured"]);
            return row + 1;
        }

        ReportStyle.Number(sheet.Cell(row, 2), points[^1].Value, format);
        sheet.Cell(row, 2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
        if (points.Count > 1)
        {
            var delta = points[^1].Value - points[^2].Value;
            ReportStyle.Note(sheet.Cell(row, 3), text.Format("ChangeAgainst", (delta ?? 0).ToString(change, text.Culture), Iso(points[^2].Date)));
        }
        else
        {
            ReportStyle.Note(sheet.Cell(row, 3), text["FirstOutOfTime"]);
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
        var text = context.Text;
        Label(sheet, row++, text["HowToRead"]);
        string[] lines =
        [
            text["ReadForward"],
            text["ReadKinds"],
            text["ReadThin"],
            text["ReadMetricSheets"],
            text["ReadColours"],
            text["ReadFigures"],
            text.Format("ReadHealth", HealthRules.RuleIn(context.Culture)),
            text.Format("ReadDeciles", context.DecileDate is { } d ? Iso(d) : text["LatestLabelledDate"]),
        ];
        foreach (var line in lines)
        {
            ReportStyle.Note(sheet.Cell(row++, 1), line);
        }
    }
}
