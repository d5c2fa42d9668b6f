using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Evaluation;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>
/// Each evaluated date scored by the version in production then (or the one that would have been), oldest first, with
/// the best other version on the same rows. Written into the score report and alone as its own workbook.
/// </summary>
internal static class ForwardPerformanceSheet
{
    public const string Name = "Forward performance";

    private const int Columns = 16;

    public static void Write(IXLWorkbook workbook, ForwardPerformanceTable table)
    {
        var sheet = workbook.Worksheets.Add(Name);
        var lift = $"Lift {table.LiftPercent.ToString("0.##", CultureInfo.InvariantCulture)} %";
        ReportStyle.Table(sheet, 1,
        [
            ("Date", 12), ("Version", 9), ("Chosen by", 14), ("AUC", 8), ("AUC lower 95 %", 9), ("AUC upper 95 %", 9),
            (lift, 8), ($"{lift} lower 95 %", 9), ($"{lift} upper 95 %", 9), ("Best other version", 10), ("Best other challenger", 16),
            ("Best other kind", 11), ("Best other AUC", 9), ("AUC minus best other", 10), ("Thin", 7), ("Note", 60),
        ], frozenColumns: 1);
        if (table.Rows.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(2, 1), "No evaluation yet: an Analyst runs Evaluate all versions once labels are known (or `scorecockpit evaluate SCORE`).");
            return;
        }

        var row = 2;
        foreach (var r in table.Rows)
        {
            ReportStyle.Date(sheet.Cell(row, 1), r.Date);
            ReportStyle.Number(sheet.Cell(row, 2), r.Version, ReportStyle.VersionNumber);
            sheet.Cell(row, 3).Value = r.ChosenBy switch { ChosenBy.Active => "active", ChosenBy.AsOf => "by as-of date", _ => "" };
            ReportStyle.Number(sheet.Cell(row, 4), r.Auc, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 5), r.AucLower, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 6), r.AucUpper, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 7), r.Lift, ReportStyle.Lift);
            ReportStyle.Number(sheet.Cell(row, 8), r.LiftLower, ReportStyle.Lift);
            ReportStyle.Number(sheet.Cell(row, 9), r.LiftUpper, ReportStyle.Lift);
            ReportStyle.Number(sheet.Cell(row, 10), r.BestOtherVersion, ReportStyle.VersionNumber);
            sheet.Cell(row, 11).Value = r.BestOtherChallenger;
            sheet.Cell(row, 12).Value = r.BestOtherKind?.Word();
            ReportStyle.Number(sheet.Cell(row, 13), r.BestOtherAuc, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 14), r.Difference, ReportStyle.Change);
            sheet.Cell(row, 15).Value = r.Thin ? "thin" : "";
            sheet.Cell(row, 16).Value = r.Note;
            if (r.Thin)
            {
                // Shown, but faded: a thin date never judges a version.
                var faded = sheet.Range(row, 1, row, Columns).Style;
                faded.Font.Italic = true;
                faded.Font.FontColor = ReportStyle.Muted;
            }

            row++;
        }

        ReportStyle.Filter(sheet, 1, row - 1, Columns);
        ReportStyle.Note(sheet.Cell(row + 1, 1),
            "Each date is scored by the version in production then (chosen by the activation history), or before any activation by the " +
            "latest version trained as of that date. Its figures are forward only; the best other version prefers forward figures too.");
    }
}
