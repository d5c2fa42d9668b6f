using ClosedXML.Excel;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>Who put which version in production, when and why: newest first, the answer to "what ran on date X".</summary>
internal static class ActivationsSheet
{
    public static void Write(XLWorkbook workbook, ReportContext context)
    {
        var text = context.Text;
        var sheet = workbook.Worksheets.Add(text["SheetActivations"]);
        ReportStyle.Table(sheet, 1, [(text["ColVersion"], 9), (text["ColActivatedAt"], 18), (text["ColBy"], 28), (text["ColComment"], 70)]);
        if (context.Activations.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(2, 1), text["NoActivation"]);
            return;
        }

        var row = 2;
        foreach (var activation in context.Activations)
        {
            ReportStyle.Number(sheet.Cell(row, 1), activation.VersionNumber, ReportStyle.VersionNumber);
            ReportStyle.Instant(sheet.Cell(row, 2), context.Local(activation.ActivatedAt));
            sheet.Cell(row, 3).Value = activation.ActivatedBy;
            sheet.Cell(row, 4).Value = activation.Comment;
            sheet.Cell(row, 4).Style.Alignment.WrapText = true;
            row++;
        }

        ReportStyle.Filter(sheet, 1, row - 1, 4);
    }
}
