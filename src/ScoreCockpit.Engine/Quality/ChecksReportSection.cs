using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Reporting;

namespace ScoreCockpit.Engine.Quality;

/// <summary>
/// The score report's "Checks" sheet ("Contrôles" in French): every data-quality check result, newest first, with its
/// status in the reader's words (OK, WARNING, ERROR; stored in English, translated only here).
/// </summary>
public sealed class ChecksReportSection(QualityQueries queries) : IReportSection
{
    public string SheetName(CultureInfo culture) => ReportText.For(culture)["SheetChecks"];

    public async Task WriteAsync(IXLWorkbook workbook, ReportContext context, CancellationToken ct)
    {
        var text = context.Text;
        var results = await queries.CheckHistoryAsync(context.ScoreName, null, ct);
        var sheet = workbook.Worksheets.Add(SheetName(context.Culture));
        ReportStyle.Table(sheet, 1,
            [(text["ColReferenceDate"], 14), (text["ColCheck"], 22), (text["ColStatus"], 10), (text["ColValue"], 12), (text["ColOutcome"], 90)]);
        if (results.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(2, 1), text["NoCheck"]);
            return;
        }

        var row = 2;
        foreach (var result in results.OrderByDescending(r => r.ReferenceDate).ThenBy(r => r.CheckName, StringComparer.Ordinal))
        {
            ReportStyle.Date(sheet.Cell(row, 1), result.ReferenceDate);
            sheet.Cell(row, 2).Value = result.CheckName;
            sheet.Cell(row, 3).Value = ReportText.CheckStatus(text, QualityNames.Of(result.Status));
            if (result.Status != CheckStatus.Ok)
            {
                sheet.Cell(row, 3).Style.Font.Bold = true;
                sheet.Cell(row, 3).Style.Fill.BackgroundColor = ReportStyle.Worse;
            }

            if (result.Value is { } value)
            {
                sheet.Cell(row, 4).Value = value;
            }

            sheet.Cell(row, 5).Value = result.Message;
            row++;
        }

        ReportStyle.Filter(sheet, 1, row - 1, 5);
    }
}
