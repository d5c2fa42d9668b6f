using System.Globalization;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Settings;

namespace ScoreCockpit.Engine.Portfolio;

/// <summary>
/// The portfolio as one Excel sheet, "Portfolio" ("Portefeuille" in French): every score's health (not just a page),
/// worst first, with the figures as numbers so the reader can sort and chart them, and the words in the reader's
/// language. Anyone signed in may download it.
/// </summary>
public sealed class PortfolioReportHandler(PortfolioQuery portfolio, CockpitClock clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Read per workbook: the titles and the date formats follow the reader's culture.
    private static (string Title, double Width, string? Format)[] Columns(Texts text)
    {
        var dates = CockpitDates.For(text.Culture);
        return
        [
            (text["ColHealth"], 11, null), (text["ColWhy"], 60, null), (text["ColScore"], 18, null), (text["ColDescription"], 36, null),
            (text["ColOwners"], 24, null), (text["ColActiveVersion"], 9, "0"), (text["ColActiveSince"], 12, dates.ExcelDay),
            (text["ColAucOutOfTime"], 10, "0.000"), (text["ColAucDate"], 12, dates.ExcelDay), (text["ColAucChange"], 10, "+0.000;-0.000;0.000"),
            (ReportText.Lift(text, 5m), 9, "0.00"), (ReportText.Lift(text, 10m), 9, "0.00"), (text["ColBestOtherVersionPortfolio"], 18, null),
            (text["ColBestOtherAuc"], 10, "0.000"), (text["ColGapToActive"], 10, "+0.000;-0.000;0.000"), (text["ColLastRun"], 11, null),
            (text["ColLastRunAt"], 17, dates.ExcelMoment), (text["ColScorePsi"], 9, "0.000"), (text["ColPsiLevel"], 9, null),
            (text["ColDataQuality"], 11, null),
        ];
    }

    public string FileName() => $"portfolio-{clock.Today:yyyy-MM-dd}.xlsx";

    /// <summary>Writes the workbook in English.</summary>
    public Task WriteAsync(Stream output, CancellationToken ct = default) => WriteAsync(output, SupportedCultures.English, ct);

    /// <summary>Writes the workbook in the reader's <paramref name="culture"/>; figures stay numbers, days stay ISO dates.</summary>
    public async Task WriteAsync(Stream output, CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var text = ReportText.For(culture);
        var rows = await portfolio.AllAsync(ct);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(text["SheetPortfolio"]);
        var columns = Columns(text);
        for (var c = 0; c < columns.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = columns[c].Title;
            sheet.Column(c + 1).Width = columns[c].Width;
            if (columns[c].Format is { } format)
            {
                sheet.Column(c + 1).Style.NumberFormat.Format = format;
            }
        }

        sheet.Row(1).Style.Font.Bold = true;
        for (var r = 0; r < rows.Count; r++)
        {
            Write(sheet.Row(r + 2), rows[r], clock.Zone, text);
        }

        var last = Math.Max(rows.Count + 1, 2);
        Colour(sheet, last, culture);
        sheet.Range(1, 1, Math.Max(rows.Count + 1, 1), columns.Length).SetAutoFilter();
        sheet.SheetView.FreezeRows(1);

        // ClosedXML writes synchronously; a buffer keeps that off the response stream (a sheet of scores is small).
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static void Write(IXLRow row, ScoreHealthRow score, TimeZoneInfo zone, Texts text)
    {
        object?[] values =
        [
            HealthRules.WordIn(score.Health, text.Culture), score.HealthReasonIn(text.Culture), score.Name, score.Description,
            string.Join(", ", score.Owners), score.ActiveVersion, Local(score.ActiveSince, zone), score.Auc, Day(score.AucDate), score.AucChange,
            score.Lift5, score.Lift10, score.BestOther, score.BestOtherAuc, score.Gap,
            score.LastRunStatus is { } status ? ReportText.Status(text, status) : null, Local(score.LastRunAt, zone), score.ScorePsi,
            score.ScorePsi is null ? null : ReportText.DriftLevel(text, score.PsiLevel),
            score.QualityStatus is { } quality ? ReportText.CheckStatus(text, quality) : null,
        ];
        for (var c = 0; c < values.Length; c++)
        {
            // Empty cells, not zeros or dashes, where a figure does not exist: a filter or an average then ignores them.
            if (values[c] is { } value)
            {
                row.Cell(c + 1).Value = value;
            }
        }
    }

    private static DateTime? Day(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    // Stored instants are UTC; the sheet shows them on the cockpit's clock, as the Overview does.
    private static DateTime? Local(DateTime? utc, TimeZoneInfo zone) => utc is { } at ? CockpitDates.Local(at, zone) : null;

    /// <summary>Blue/orange like the portal (colour-blind safe), and the words themselves carry the meaning too.</summary>
    private static void Colour(IXLWorksheet sheet, int lastRow, CultureInfo culture)
    {
        var health = sheet.Range(2, 1, lastRow, 1);
        // The rules match the words the cells hold, in the reader's language.
        string Word(HealthLevel level) => $"\"{HealthRules.WordIn(level, culture)}\"";
        health.AddConditionalFormat().WhenEquals(Word(HealthLevel.Decaying)).Fill.SetBackgroundColor(XLColor.FromHtml("#F5C09A"));
        health.AddConditionalFormat().WhenEquals(Word(HealthLevel.Watch)).Fill.SetBackgroundColor(XLColor.FromHtml("#FCE4B0"));
        health.AddConditionalFormat().WhenEquals(Word(HealthLevel.Healthy)).Fill.SetBackgroundColor(XLColor.FromHtml("#BFDDF2"));
        health.AddConditionalFormat().WhenEquals(Word(HealthLevel.NoData)).Fill.SetBackgroundColor(XLColor.FromHtml("#E0E0E0"));
        var change = sheet.Range(2, 10, lastRow, 10);
        change.AddConditionalFormat().WhenLessThan(0).Font.SetFontColor(XLColor.FromHtml("#B35900"));
        change.AddConditionalFormat().WhenGreaterThan(0).Font.SetFontColor(XLColor.FromHtml("#0060A8"));
    }
}
