using ClosedXML.Excel;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>The recent scoring runs, newest first: what was written to the warehouse and how far the scores drifted.</summary>
internal static class ScoringRunsSheet
{
    public const string Name = "Scoring runs";

    public static void Write(XLWorkbook workbook, ReportContext context)
    {
        var sheet = workbook.Worksheets.Add(Name);
        ReportStyle.Table(sheet, 1,
        [
            ("Reference date", 12), ("Version", 9), ("Status", 12), ("Rows", 11), ("Mean score", 10), ("PSI", 8), ("Drift", 9),
            ("Started at", 18), ("Duration (s)", 10), ("Started by", 24), ("Failure or warnings", 60),
        ]);
        if (context.ScoringRuns.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(2, 1), "No scoring run yet: an Analyst scores the customers with the active version (Score now, or `scorecockpit score SCORE`).");
            return;
        }

        var row = 2;
        foreach (var run in context.ScoringRuns)
        {
            ReportStyle.Date(sheet.Cell(row, 1), run.ReferenceDate);
            ReportStyle.Number(sheet.Cell(row, 2), run.VersionNumber, ReportStyle.VersionNumber);
            sheet.Cell(row, 3).Value = run.Status.ToString();
            ReportStyle.Number(sheet.Cell(row, 4), run.Rows, ReportStyle.Count);
            ReportStyle.Number(sheet.Cell(row, 5), run.Mean, ReportStyle.Ratio);
            ReportStyle.Number(sheet.Cell(row, 6), run.ScorePsi, ReportStyle.Ratio);
            sheet.Cell(row, 7).Value = run.ScoreDriftLevel;
            ReportStyle.Instant(sheet.Cell(row, 8), context.Local(run.StartedAt));
            ReportStyle.Number(sheet.Cell(row, 9), run.DurationMs / 1000.0, "0.0");
            sheet.Cell(row, 10).Value = run.StartedBy;
            sheet.Cell(row, 11).Value = run.Failure ?? string.Join("; ", run.Warnings);
            row++;
        }

        ReportStyle.Filter(sheet, 1, row - 1, 11);
    }
}
