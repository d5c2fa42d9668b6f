using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>The same alert as plain text and as simple HTML (no styles a mail client would strip).</summary>
internal sealed record AlertBody(
    string Headline, IReadOnlyList<(string Label, string Value)> Facts, IReadOnlyList<StepReport> Steps,
    IReadOnlyList<CheckReport> NotOk, string Link)
{
    // Mails are read far from the portal: one unambiguous format with the offset, not the reader's culture.
    public static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Value(double? value) =>
        value is { } v ? v.ToString("#,##0.####", CultureInfo.InvariantCulture) : "no value";

    public string Text()
    {
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{Headline}.").AppendLine();
        var width = Facts.Max(f => f.Label.Length) + 2;
        foreach (var (label, value) in Facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{(label + ":").PadRight(width)}{value}");
        }

        if (NotOk.Count > 0)
        {
            text.AppendLine().AppendLine("Checks not OK:");
            foreach (var check in NotOk)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {check.Status.ToUpperInvariant(),-8}{check.Name}: {Value(check.Value)} — {check.Message}");
            }
        }

        if (Steps.Count > 0)
        {
            text.AppendLine().AppendLine("Steps:");
            foreach (var step in Steps)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {StepLine(step)}");
            }
        }

        return text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Open the run: {Link}").ToString();
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
            html.Append("<p>Checks not OK:</p>\n<ul>\n");
            foreach (var check in NotOk)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<li><b>{HtmlEncode(check.Status.ToUpperInvariant())}</b> {HtmlEncode(check.Name)}: {HtmlEncode(Value(check.Value))} — {HtmlEncode(check.Message)}</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (Steps.Count > 0)
        {
            html.Append("<p>Steps:</p>\n<ul>\n");
            foreach (var step in Steps)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{HtmlEncode(StepLine(step))}</li>\n");
            }

            html.Append("</ul>\n");
        }

        return html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{HtmlEncode(Link)}\">Open the run</a></p>\n").ToString();
    }

    private static string StepLine(StepReport step)
    {
        var line = $"{step.Status,-11} {step.Name} ({step.Type})";
        if (!string.Equals(step.Status, RunStatuses.Skipped, StringComparison.OrdinalIgnoreCase))
        {
            line += $", {HumanDuration.Format(step.Duration)}";
        }

        return string.IsNullOrWhiteSpace(step.Error) ? line : $"{line} — {step.Error}";
    }
}
