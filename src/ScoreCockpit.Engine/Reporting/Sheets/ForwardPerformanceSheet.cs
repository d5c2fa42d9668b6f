using ClosedXML.Excel;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Localization;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>
/// Each evaluated date scored by the version in production then (or the one that would have been), oldest first, with
/// the best other version on the same rows. Written into the score report and alone as its own workbook.
/// </summary>
internal static class ForwardPerformanceSheet
{
    private const int Columns = 16;

    public static void Write(IXLWorkbook workbook, ForwardPerformanceTable table, Texts text)
    {
        var sheet = workbook.Worksheets.Add(text["SheetForward"]);
        var lift = ReportText.Lift(text, table.LiftPercent);
        ReportStyle.Table(sheet, 1,
        [
            (text["ColDate"], 12), (text["ColVersion"], 9), (text["ColChosenBy"], 14), ("AUC", 8), (text["ColAucLower"], 9), (text["ColAucUpper"], 9),
            (lift, 8), (text.Format("ColLiftLower", lift), 9), (text.Format("ColLiftUpper", lift), 9), (text["ColBestOtherVersion"], 10),
            (text["ColBestOtherChallenger"], 16), (text["ColBestOtherKind"], 11), (text["ColBestOtherAuc"], 9), (text["ColAucMinusBestOther"], 10),
            (text["ColThin"], 7), (text["ColNote"], 60),
        ], frozenColumns: 1);
        if (table.Rows.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(2, 1), text["NoEvaluationYet"]);
            return;
        }

        var row = 2;
        foreach (var r in table.Rows)
        {
            ReportStyle.Date(sheet.Cell(row, 1), r.Date);
            ReportStyle.Number(sheet.Cell(row, 2), r.Version, ReportStyle.VersionNumber);
            sheet.Cell(row, 3).Value = r.ChosenBy switch { ChosenBy.Active => text["ChosenActive"], ChosenBy.AsOf => text["ChosenAsOf"], _ => "" };
            ReportStyle.Number(sheet.Cell(row, 4), r.Auc, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 5), r.AucLower, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 6), r.AucUpper, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 7), r.Lift, ReportStyle.Lift);
            ReportStyle.Number(sheet.Cell(row, 8), r.LiftLower, ReportStyle.Lift);
            ReportStyle.Number(sheet.Cell(row, 9), r.LiftUpper, ReportStyle.Lift);
            ReportStyle.Number(sheet.Cell(row, 10), r.BestOtherVersion, ReportStyle.VersionNumber);
            sheet.Cell(row, 11).Value = r.BestOtherChallenger;
            sheet.Cell(row, 12).Value = r.BestOtherKind is { } kind ? ReportText.Kind(text, kind) : null;
            ReportStyle.Number(sheet.Cell(row, 13), r.BestOtherAuc, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 14), r.Difference, ReportStyle.Change);
            sheet.Cell(row, 15).Value = r.Thin ? text["Thin"] : "";
            sheet.Cell(row, 16).Value = r.NoteIn(text.Culture);
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
        ReportStyle.Note(sheet.Cell(row + 1, 1), text["ForwardHowTo"]);
    }
}
