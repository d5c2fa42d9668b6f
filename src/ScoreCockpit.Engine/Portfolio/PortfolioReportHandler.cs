using ClosedXML.Excel;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Settings;

namespace ScoreCockpit.Engine.Portfolio;

/// <summary>
/// The portfolio as one Excel sheet, "Portfolio": every score's health (not just a page), worst first, with the
/// figures as numbers so the reader can sort and chart them. Anyone signed in may download it.
/// </summary>
public sealed class PortfolioReportHandler(PortfolioQuery portfolio, CockpitClock clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Read per workbook: the date formats follow the culture of the request.
    private static (string Title, double Width, string? Format)[] Columns =>
    [
        ("Health", 11, null), ("Why", 60, null), ("Score", 18, null), ("Description", 36, null), ("Owners", 24, null),
        ("Active version", 9, "0"), ("Active since", 12, CockpitDates.Current.ExcelDay), ("AUC (out of time)", 10, "0.000"), ("AUC date", 12, CockpitDates.Current.ExcelDay),
        ("AUC change", 10, "+0.000;-0.000;0.000"), ("Lift 5 %", 9, "0.00"), ("Lift 10 %", 9, "0.00"), ("Best other version", 18, null),
        ("Best other AUC", 10, "0.000"), ("Gap to active", 10, "+0.000;-0.000;0.000"), ("Last run", 11, null), ("Last run at", 17, CockpitDates.Current.ExcelMoment),
        ("Score PSI", 9, "0.000"), ("PSI level", 9, null), ("Data quality", 11, null),
    ];

    public string FileName() => $"portfolio-{clock.Today:yyyy-MM-dd}.xlsx";

    public async Task WriteAsync(Stream output, CancellationToken ct = default)
    {
        var rows = await portfolio.AllAsync(ct);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Portfolio");
        var columns = Columns;
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
            Write(sheet.Row(r + 2), rows[r], clock.Zone);
        }

        var last = Math.Max(rows.Count + 1, 2);
        Colour(sheet, last);
        sheet.Range(1, 1, Math.Max(rows.Count + 1, 1), columns.Length).SetAutoFilter();
        sheet.SheetView.FreezeRows(1);

        // ClosedXML writes synchronously; a buffer keeps that off the response stream (a sheet of scores is small).
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static void Write(IXLRow row, ScoreHealthRow score, TimeZoneInfo zone)
    {
        object?[] values =
        [
            HealthRules.Word(score.Health), score.HealthReason, score.Name, score.Description, string.Join(", ", score.Owners),
            score.ActiveVersion, Local(score.ActiveSince, zone), score.Auc, Day(score.AucDate), score.AucChange, score.Lift5, score.Lift10,
            score.BestOther, score.BestOtherAuc, score.Gap, score.LastRunStatus?.ToString(), Local(score.LastRunAt, zone), score.ScorePsi,
            score.ScorePsi is null ? null : score.PsiLevel, score.QualityStatus,
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
    private static void Colour(IXLWorksheet sheet, int lastRow)
    {
        var health = sheet.Range(2, 1, lastRow, 1);
        health.AddConditionalFormat().WhenEquals("\"Decaying\"").Fill.SetBackgroundColor(XLColor.FromHtml("#F5C09A"));
        health.AddConditionalFormat().WhenEquals("\"Watch\"").Fill.SetBackgroundColor(XLColor.FromHtml("#FCE4B0"));
        health.AddConditionalFormat().WhenEquals("\"Healthy\"").Fill.SetBackgroundColor(XLColor.FromHtml("#BFDDF2"));
        health.AddConditionalFormat().WhenEquals("\"NoData\"").Fill.SetBackgroundColor(XLColor.FromHtml("#E0E0E0"));
        var change = sheet.Range(2, 10, lastRow, 10);
        change.AddConditionalFormat().WhenLessThan(0).Font.SetFontColor(XLColor.FromHtml("#B35900"));
        change.AddConditionalFormat().WhenGreaterThan(0).Font.SetFontColor(XLColor.FromHtml("#0060A8"));
    }
}
