using System.Globalization;
using System.Text;
using ScoreCockpit.Engine.Localization;
using static System.Net.WebUtility;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>The same alert as plain text and as simple HTML (no styles a mail client would strip), in the reader's language.</summary>
internal sealed record AlertBody(
    string Headline, IReadOnlyList<(string Label, string Value)> Facts, IReadOnlyList<StepReport> Steps,
    IReadOnlyList<CheckReport> NotOk, string Link, Texts Texts)
{
    // Mails are read far from the portal: one unambiguous format with the offset, in every language.
    public static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>A figure in the reader's culture: 0.0523 in English, 0,0523 in French.</summary>
    public static string Value(double? value, Texts texts) =>
        value is { } v ? v.ToString("#,##0.####", texts.Culture) : texts["NoValue"];

    /// <summary>A run, step or check status as the reader says it; a status without a word stays as stored.</summary>
    public static string Status(string prefix, string status, Texts texts)
    {
        try
        {
            return texts[prefix + status];
        }
        catch (InvalidOperationException)
        {
            return status;
        }
    }

    public string Text()
    {
        var colon = Texts["Colon"];
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{Headline}.").AppendLine();
        var width = Facts.Max(f => (f.Label + colon).Length) + 1;
        foreach (var (label, value) in Facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{(label + colon).PadRight(width)}{value}");
        }

        if (NotOk.Count > 0)
        {
            text.AppendLine().AppendLine(Texts["ChecksNotOk"]);
            foreach (var check in NotOk)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {Padded(CheckWord(check), 8)}{check.Name}: {Value(check.Value, Texts)} — {check.Message}");
            }
        }

        if (Steps.Count > 0)
        {
            text.AppendLine().AppendLine(Texts["Steps"]);
            foreach (var step in Steps)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {StepLine(step)}");
            }
        }

        return text.AppendLine().AppendLine(Texts.Format("OpenTheRunLine", Link)).ToString();
    }

    public string Html()
    {
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<p><b>{HtmlEncode(Headline)}.</b></p>\n<table>\n");
        foreach (var (label, value) in Facts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(label)}</td><td>{HtmlEncode(value)}</td></tr>\n");
        }

        html.Append("</table>\n");
        if (NotOk.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{HtmlEncode(Texts["ChecksNotOk"])}</p>\n<ul>\n");
            foreach (var check in NotOk)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<li><b>{HtmlEncode(CheckWord(check))}</b> {HtmlEncode(check.Name)}: {HtmlEncode(Value(check.Value, Texts))} — {HtmlEncode(check.Message)}</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (Steps.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{HtmlEncode(Texts["Steps"])}</p>\n<ul>\n");
            foreach (var step in Steps)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{HtmlEncode(StepLine(step))}</li>\n");
            }

            html.Append("</ul>\n");
        }

        return html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{HtmlEncode(Link)}\">{HtmlEncode(Texts["OpenTheRun"])}</a></p>\n").ToString();
    }

    // A column for the short words, and at least one space after a longer one (AVERTISSEMENT).
    private static string Padded(string word, int width) => word.PadRight(Math.Max(width, word.Length + 1));

    private string CheckWord(CheckReport check) => Status("Check", check.Status.ToUpperInvariant(), Texts);

    private string StepLine(StepReport step)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{Status("Step", step.Status, Texts),-11} {step.Name} ({step.Type})");
        if (!string.Equals(step.Status, RunStatuses.Skipped, StringComparison.OrdinalIgnoreCase))
        {
            line += $", {HumanDuration.Format(step.Duration, Texts.Culture)}";
        }

        return string.IsNullOrWhiteSpace(step.Error) ? line : $"{line} — {step.Error}";
    }
}
