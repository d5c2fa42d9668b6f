using ClosedXML.Excel;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>The report's look, shared by its sheets: number formats, the colour-blind-safe palette, headers.</summary>
public static class ReportStyle
{
    public const string Ratio = "0.000";
    public const string Lift = "0.00";
    public const string Share = "0.0%";
    public const string Count = "#,##0";
    public const string Change = "+0.000;-0.000;0.000";
    public const string VersionNumber = "\"v\"0";

    // Okabe–Ito orange and sky blue, with white between: the colour scales read the same to colour-blind eyes.
    public static readonly XLColor Worse = XLColor.FromArgb(0xE6, 0x9F, 0x00);
    public static readonly XLColor Better = XLColor.FromArgb(0x56, 0xB4, 0xE9);
    public static readonly XLColor HeaderFill = XLColor.FromArgb(0xDD, 0xE6, 0xF0);
    public static readonly XLColor Muted = XLColor.FromArgb(0x6E, 0x6E, 0x6E);
    public static readonly XLColor MutedFill = XLColor.FromArgb(0xF2, 0xF2, 0xF2);

    public static void Header(IXLCell cell, object value)
    {
        cell.Value = value;
        cell.Style.Font.Bold = true;
        cell.Style.Fill.BackgroundColor = HeaderFill;
        cell.Style.Alignment.WrapText = true;
    }

    public static void Title(IXLWorksheet sheet, string text)
    {
        sheet.Cell(1, 1).Value = text;
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
    }

    /// <summary>A date cell (Excel sorts and filters it as a date) written in the cockpit's one date style.</summary>
    public static void Date(IXLCell cell, DateOnly date)
    {
        cell.Value = date.ToDateTime(TimeOnly.MinValue);
        cell.Style.NumberFormat.Format = CockpitDates.Current.ExcelDay;
    }

    /// <summary>A date-time cell of an instant already on the cockpit's clock (<see cref="CockpitDates.Local"/>).</summary>
    public static void Instant(IXLCell cell, DateTime local)
    {
        cell.Value = local;
        cell.Style.NumberFormat.Format = CockpitDates.Current.ExcelMoment;
    }

    public static void Number(IXLCell cell, double? value, string format)
    {
        if (value is { } number && double.IsFinite(number))
        {
            cell.Value = number;
            cell.Style.NumberFormat.Format = format;
            ExactNumbers.Remember(cell, number);
        }
    }

    /// <summary>A line in grey italics: notes, empty states, "how to read".</summary>
    public static void Note(IXLCell cell, string text)
    {
        cell.Value = text;
        cell.Style.Font.Italic = true;
        cell.Style.Font.FontColor = Muted;
    }

    /// <summary>Writes a table's header row, freezes it (and the first <paramref name="frozenColumns"/>) and sets widths.</summary>
    public static void Table(IXLWorksheet sheet, int row, IReadOnlyList<(string Name, double Width)> columns, int frozenColumns = 0)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            Header(sheet.Cell(row, c + 1), columns[c].Name);
            sheet.Column(c + 1).Width = columns[c].Width;
        }

        sheet.SheetView.Freeze(row, frozenColumns);
    }

    /// <summary>Autofilter over a table written from <paramref name="headerRow"/>, when it has rows.</summary>
    public static void Filter(IXLWorksheet sheet, int headerRow, int lastRow, int columns)
    {
        if (lastRow > headerRow)
        {
            sheet.Range(headerRow, 1, lastRow, columns).SetAutoFilter();
        }
    }
}
