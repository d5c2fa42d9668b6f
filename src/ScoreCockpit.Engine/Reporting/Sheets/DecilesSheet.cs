using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Localization;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>The active version's decile table on its latest labelled date, and the previously active version's beside it.</summary>
internal static class DecilesSheet
{
    private static readonly (string Key, double Width)[] Columns =
        [("ColDecile", 8), ("ColRows", 10), ("ColPositives", 10), ("ColResponseRate", 11), ("ColLift", 8), ("ColCumulativeCapture", 12)];

    public static void Write(XLWorkbook workbook, ReportContext context)
    {
        var text = context.Text;
        var sheet = workbook.Worksheets.Add(text["SheetDeciles"]);
        var active = context.OnDecileDate.FirstOrDefault(e => e.Version == context.Active?.Number);
        if (context.DecileDate is not { } date || active is null)
        {
            ReportStyle.Title(sheet, text["SheetDeciles"]);
            ReportStyle.Note(sheet.Cell(3, 1), text[context.Active is null ? "NoActiveVersion" : "ActiveNotEvaluated"]);
            return;
        }

        ReportStyle.Title(sheet, text.Format("DecilesOn", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Block(sheet, text, 1, text["ActiveVersion"], active);
        var previous = context.OnDecileDate.FirstOrDefault(e => e.Version == context.PreviousActive);
        if (previous is not null)
        {
            Block(sheet, text, Columns.Length + 2, text["PreviouslyActive"], previous);
        }

        sheet.SheetView.Freeze(4, 0);
    }

    /// <summary>Tied scores are shared pro rata between deciles, so a count may hold a fraction: show it rather than round it away.</summary>
    private static string Counted(double value) => value == Math.Floor(value) ? ReportStyle.Count : "#,##0.0";

    private static void Block(IXLWorksheet sheet, Texts text, int column, string title, EvaluationView view)
    {
        var heading = sheet.Cell(2, column);
        heading.Value = text.Format("DecileBlock", title, view.Version, view.Evaluation.InSample ? text["DecileInSample"] : "");
        heading.Style.Font.Bold = true;
        for (var c = 0; c < Columns.Length; c++)
        {
            ReportStyle.Header(sheet.Cell(4, column + c), text[Columns[c].Key]);
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
