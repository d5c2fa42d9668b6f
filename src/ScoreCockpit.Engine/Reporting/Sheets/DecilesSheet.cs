using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Evaluation;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>The active version's decile table on its latest labelled date, and the previously active version's beside it.</summary>
internal static class DecilesSheet
{
    public const string Name = "Deciles";

    private static readonly (string Name, double Width)[] Columns =
        [("Decile", 8), ("Rows", 10), ("Positives", 10), ("Response rate", 11), ("Lift", 8), ("Cumulative capture", 12)];

    public static void Write(XLWorkbook workbook, ReportContext context)
    {
        var sheet = workbook.Worksheets.Add(Name);
        var active = context.OnDecileDate.FirstOrDefault(e => e.Version == context.Active?.Number);
        if (context.DecileDate is not { } date || active is null)
        {
            ReportStyle.Title(sheet, "Deciles");
            ReportStyle.Note(sheet.Cell(3, 1), context.Active is null
                ? "No active version yet: an Analyst activates one on the score's Versions tab."
                : "The active version has no evaluation yet: run Evaluate all versions once labels are known.");
            return;
        }

        ReportStyle.Title(sheet, $"Deciles on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, top scores first");
        Block(sheet, 1, "Active version", active);
        var previous = context.OnDecileDate.FirstOrDefault(e => e.Version == context.PreviousActive);
        if (previous is not null)
        {
            Block(sheet, Columns.Length + 2, "Previously active version", previous);
        }

        sheet.SheetView.Freeze(4, 0);
    }

    /// <summary>Tied scores are shared pro rata between deciles, so a count may hold a fraction: show it rather than round it away.</summary>
    private static string Counted(double value) => value == Math.Floor(value) ? ReportStyle.Count : "#,##0.0";

    private static void Block(IXLWorksheet sheet, int column, string title, EvaluationView view)
    {
        var heading = sheet.Cell(2, column);
        heading.Value = string.Create(CultureInfo.InvariantCulture,
            $"{title}: v{view.Version}{(view.Evaluation.InSample ? " (in-sample: this date was in its training data)" : "")}");
        heading.Style.Font.Bold = true;
        for (var c = 0; c < Columns.Length; c++)
        {
            ReportStyle.Header(sheet.Cell(4, column + c), Columns[c].Name);
            sheet.Column(column + c).Width = Columns[c].Width;
        }

        var row = 5;
        foreach (var decile in view.Deciles)
        {
            sheet.Cell(row, column).Value = decile.Decile;
            ReportStyle.Number(sheet.Cell(row, column + 1), decile.Rows, Counted(decile.Rows));
            ReportStyle.Number(sheet.Cell(row, column + 2), decile.Positives, Counted(decile.Positives));
            ReportStyle.Number(sheet.Cell(row, column + 3), decile.ResponseRate, ReportStyle.Share);
            ReportStyle.Number(sheet.Cell(row, column + 4), decile.Lift, ReportStyle.Lift);
            ReportStyle.Number(sheet.Cell(row, column + 5), decile.CumulativeCapture, ReportStyle.Share);
            row++;
        }

        if (view.Evaluation.InSample)
        {
            sheet.Range(5, column, row - 1, column + Columns.Length - 1).Style.Font.FontColor = ReportStyle.Muted;
        }
    }
}
