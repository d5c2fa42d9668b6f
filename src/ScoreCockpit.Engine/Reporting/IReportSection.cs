using System.Globalization;
using ClosedXML.Excel;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>
/// One more sheet of the score report, written after the built-in ones (Cover, metrics, Deciles, Activations,
/// Scoring runs). Register it as a singleton <c>IReportSection</c>; it adds its own sheet named <see cref="SheetName"/>
/// in the reader's language, and may read whatever it needs through its own handlers, the score being
/// <see cref="ReportContext.ScoreName"/> and the language <see cref="ReportContext.Culture"/>.
/// </summary>
public interface IReportSection
{
    /// <summary>The sheet's name in a language: at most 31 characters, none of : \ / ? * [ ] (Excel's rules for sheet names).</summary>
    string SheetName(CultureInfo culture);

    Task WriteAsync(IXLWorkbook workbook, ReportContext context, CancellationToken ct);
}
