using ClosedXML.Excel;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>The recent scoring runs, newest first: what was written to the warehouse and how far the scores drifted.</summary>
internal static class ScoringRunsSheet
{
    public static void Write(XLWorkbook workbook, ReportContext context)
    {
        var text = context.Text;
        var sheet = workbook.Worksheets.Add(text["SheetScoringRuns"]);
        ReportStyle.Table(sheet, 1,
        [
            (text["ColReferenceDate"], 12), (text["ColVersion"], 9), (text["ColStatus"], 12), (text["ColRows"], 11), (text["ColMeanScore"], 10),
            (text["ColPsi"], 8), (text["ColDrift"], 9), (text["ColStartedAt"], 18), (text["ColDuration"], 10), (text["ColStartedBy"], 24),
            (text["ColFailureOrWarnings"], 60),
        ]);
        if (context.ScoringRuns.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(2, 1), text["NoScoringRun"]);
            return;
        }

        var row = 2;
        foreach (var run in context.ScoringRuns)
        {
            ReportStyle.Date(sheet.Cell(row, 1), run.ReferenceDate);
            ReportStyle.Number(sheet.Cell(row, 2), run.VersionNumber, ReportStyle.VersionNumber);
            sheet.Cell(row, 3).Value = ReportText.Status(text, run.Status);
            ReportStyle.Number(sheet.Cell(row, 4), run.Rows, ReportStyle.Count);
            ReportStyle.Number(sheet.Cell(row, 5), run.Mean, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 6), run.ScorePsi, ReportStyle.Ratio);
            sheet.Cell(row, 7).Value = ReportText.DriftLevel(text, run.ScoreDriftLevel);
            ReportStyle.Instant(sheet.Cell(row, 8), context.Local(run.StartedAt));
            ReportStyle.Number(sheet.Cell(row, 9), run.DurationMs / 1000.0, "0.0");
            sheet.Cell(row, 10).Value = run.StartedBy;
            sheet.Cell(row, 11).Value = run.Failure ?? string.Join("; ", run.Warnings);
            row++;
        }

        ReportStyle.Filter(sheet, 1, row - 1, 11);
    }
}
