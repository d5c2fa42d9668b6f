using System.Globalization;
using System.Runtime.CompilerServices;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>
/// ClosedXML 0.95 writes numbers with 15 significant digits, so a stored AUC would lose its last one or two. The numbers
/// written through <see cref="ReportStyle.Number"/> are remembered per workbook and written back in full (round-trip
/// form) once the file is saved, so a figure in the report is the figure in the store.
/// </summary>
internal static class ExactNumbers
{
    private static readonly ConditionalWeakTable<IXLWorkbook, Dictionary<(string Sheet, string Cell), double>> Pending = new();

    public static void Remember(IXLCell cell, double value)
    {
        if (value.ToString("R", CultureInfo.InvariantCulture) != value.ToString("G15", CultureInfo.InvariantCulture))
        {
            Pending.GetOrCreateValue(cell.Worksheet.Workbook)[(cell.Worksheet.Name, cell.Address.ToString()!)] = value;
        }
    }

    /// <summary>Rewrites the remembered cells of the saved <paramref name="package"/> (read and written in place).</summary>
    public static void Restore(IXLWorkbook workbook, Stream package)
    {
        if (!Pending.TryGetValue(workbook, out var numbers) || numbers.Count == 0)
        {
            return;
        }

        using var document = SpreadsheetDocument.Open(package, isEditable: true);
        var book = document.WorkbookPart!;
        foreach (var sheet in book.Workbook.Descendants<Sheet>())
        {
            var part = (WorksheetPart)book.GetPartById(sheet.Id!.Value!);
            var changed = false;
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                if (numbers.TryGetValue((sheet.Name!.Value!, cell.CellReference!.Value!), out var value) && cell.CellValue is { } text)
                {
                    text.Text = value.ToString("R", CultureInfo.InvariantCulture);
                    changed = true;
                }
            }

            if (changed)
            {
                part.Worksheet.Save();
            }
        }

        Pending.Remove(workbook);
    }
}
