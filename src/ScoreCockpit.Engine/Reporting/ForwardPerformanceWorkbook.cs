using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Reporting.Sheets;
using ScoreCockpit.Engine.Settings;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>
/// The forward-performance table alone, one sheet, the same as the score report's "Forward performance" sheet. Anyone
/// signed in may download it, as the report.
/// </summary>
public sealed class ForwardPerformanceWorkbook(ForwardPerformance forward, CockpitClock clock)
{
    /// <summary>`churn-forward-2026-03-14.xlsx`: the score and today's date on the cockpit's clock.</summary>
    public string FileName(string scoreName) =>
        $"{scoreName}-forward-{clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>Writes the workbook in English to <paramref name="output"/>; an unknown score raises a <see cref="CockpitValidationException"/> before any byte.</summary>
    public Task WriteAsync(string scoreName, Stream output, Actor? actor, CancellationToken ct = default) =>
        WriteAsync(scoreName, output, actor, SupportedCultures.English, ct);

    /// <summary>Writes the workbook in the reader's <paramref name="culture"/>; figures stay numbers, days stay ISO dates.</summary>
    public async Task WriteAsync(string scoreName, Stream output, Actor? actor, CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (actor is null || actor.Roles.Count == 0)
        {
            throw new AccessDeniedException($"{actor?.Name ?? "Someone not signed in"} cannot read the forward performance of {scoreName}: sign in first.");
        }

        var table = await forward.HandleAsync(scoreName, ct);
        using var workbook = new XLWorkbook();
        ForwardPerformanceSheet.Write(workbook, table, ReportText.For(culture));
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        ExactNumbers.Restore(workbook, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }
}
