using ClosedXML.Excel;
using ScoreCockpit.Engine.Reporting;

namespace ScoreCockpit.Engine.Quality;

/// <summary>The score report's "Checks" sheet: every data-quality check result, newest first, with its status in words.</summary>
public sealed class ChecksReportSection(QualityQueries queries) : IReportSection
{
    public string SheetName => "Checks";

    public async Task WriteAsync(IXLWorkbook workbook, ReportContext context, CancellationToken ct)
    {
        var results = await queries.CheckHistoryAsync(context.ScoreName, null, ct);
        var sheet = workbook.Worksheets.Add(SheetName);
        ReportStyle.Table(sheet, 1, [("Reference date", 14), ("Check", 22), ("Status", 10), ("Value", 12), ("Outcome", 90)]);
        if (results.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(2, 1), "No check has run for this score yet: a scenario's run-checks step records them (docs/quality.md).");
            return;
        }

        var row = 2;
        foreach (var result in results.OrderByDescending(r => r.ReferenceDate).ThenBy(r => r.CheckName, StringComparer.Ordinal))
        {
            ReportStyle.Date(sheet.Cell(row, 1), result.ReferenceDate);
            sheet.Cell(row, 2).Value = result.CheckName;
            sheet.Cell(row, 3).Value = QualityNames.Of(result.Status);
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
