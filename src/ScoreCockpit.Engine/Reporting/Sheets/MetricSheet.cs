using ClosedXML.Excel;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Registry;

namespace ScoreCockpit.Engine.Reporting.Sheets;

/// <summary>
/// One metric, versions down and evaluation dates across. The table holds out-of-time values only, with a colour
/// scale; in-sample values (the date was in the version's training data) sit in a grey block under it, apart.
/// </summary>
internal static class MetricSheet
{
    private const int FirstDateColumn = 4;

    public static void Write(XLWorkbook workbook, ReportContext context, ReportMetric metric)
    {
        var sheet = workbook.Worksheets.Add(metric.SheetName);
        var dates = metric.Series.SelectMany(s => s.Points).Select(p => p.Date).Distinct().Order().ToList();
        var versions = context.Versions.OrderBy(v => v.Number).ToList();
        var text = context.Text;
        ReportStyle.Table(sheet, 1, [(text["ColVersion"], 9), (text["ColRole"], 20), (text["ColTrainedAsOf"], 12), .. dates.Select(_ => ("", 11.0))], frozenColumns: 3);
        for (var d = 0; d < dates.Count; d++)
        {
            ReportStyle.Date(sheet.Cell(1, FirstDateColumn + d), dates[d]);
        }

        if (versions.Count == 0 || dates.Count == 0)
        {
            ReportStyle.Note(sheet.Cell(2, 1), text[versions.Count == 0 ? "NoVersionYet" : "NoEvaluationYet"]);
            return;
        }

        var lastRow = 1 + versions.Count;
        var inSampleTitle = lastRow + 2;
        var inSampleHeader = inSampleTitle + 1;
        ReportStyle.Note(sheet.Cell(inSampleTitle, 1), text["InSampleNote"]);
        for (var c = 1; c <= FirstDateColumn - 1 + dates.Count; c++)
        {
            sheet.Cell(inSampleHeader, c).CopyFrom(sheet.Cell(1, c));
        }

        for (var i = 0; i < versions.Count; i++)
        {
            var series = metric.Series.FirstOrDefault(s => s.Version == versions[i].Number);
            WriteRow(sheet, text, 2 + i, inSampleHeader + 1 + i, versions[i], series, dates, metric.NumberFormat);
        }

        ReportStyle.Filter(sheet, 1, lastRow, FirstDateColumn - 1 + dates.Count);
        var values = sheet.Range(2, FirstDateColumn, lastRow, FirstDateColumn - 1 + dates.Count);
        var (low, high) = metric.HigherIsBetter ? (ReportStyle.Worse, ReportStyle.Better) : (ReportStyle.Better, ReportStyle.Worse);
        values.AddConditionalFormat().ColorScale().LowestValue(low).Midpoint(XLCFContentType.Percentile, 50, XLColor.White).HighestValue(high);
        values.AddToNamed(NameOf(metric.Key), XLScope.Workbook);
    }

    /// <summary>`auc_out_of_time`, `lift_10_out_of_time`: a workbook name a formula or a BI tool can point at.</summary>
    public static string NameOf(string key) => key.Replace('.', '_') + "_out_of_time";

    private static void WriteRow(
        IXLWorksheet sheet, Texts text, int row, int inSampleRow, VersionSummary version, VersionSeries? series, List<DateOnly> dates, string format)
    {
        foreach (var target in new[] { row, inSampleRow })
        {
            ReportStyle.Number(sheet.Cell(target, 1), version.Number, ReportStyle.VersionNumber);
            sheet.Cell(target, 2).Value = version.Active ? text["RoleActive"] : version.ChallengerName is { } name ? text.Format("RoleChallenger", name) : "";
            ReportStyle.Date(sheet.Cell(target, 3), version.AsOfDate);
        }

        if (version.Active)
        {
            sheet.Row(row).Style.Font.Bold = true;
        }

        var inSample = sheet.Range(inSampleRow, 1, inSampleRow, FirstDateColumn - 1 + dates.Count);
        inSample.Style.Font.Italic = true;
        inSample.Style.Font.FontColor = ReportStyle.Muted;
        foreach (var point in series?.Points ?? [])
        {
            var column = FirstDateColumn + dates.IndexOf(point.Date);
            if (point.Failure is not null)
            {
                ReportStyle.Note(sheet.Cell(row, column), text["Failed"]);
            }
            else if (point.InSample)
            {
                sheet.Cell(row, column).Style.Fill.BackgroundColor = ReportStyle.MutedFill;
                ReportStyle.Number(sheet.Cell(inSampleRow, column), point.Value, format);
            }
            else
            {
                ReportStyle.Number(sheet.Cell(row, column), point.Value, format);
                if (point.Kind == Evaluation.EvaluationKind.BackTest || point.Thin)
                {
                    // Shown, but faded: a back-test or a thin date never judges the version.
                    sheet.Cell(row, column).Style.Font.Italic = true;
                    sheet.Cell(row, column).Style.Font.FontColor = ReportStyle.Muted;
                }
            }
        }
    }
}
