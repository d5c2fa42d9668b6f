using ScoreCockpit.Engine.Alerts;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Security;

/// <summary>The alert mail's HTML part carries names and messages that come from people and warehouses: all escaped.</summary>
public sealed class AlertBodyEscapingTests
{
    private static string Payload(string field) => $"<script>alert('{field}')</script>\"><img src=x onerror=alert('{field}')>";

    [Fact]
    public void Names_reasons_step_errors_and_check_messages_are_escaped_in_the_html_part()
    {
        var body = new AlertBody(Payload("headline"), [(Payload("label"), Payload("reason"))],
            [new StepReport(Payload("step"), "score", "failed", TimeSpan.FromSeconds(3), Payload("step-error"))],
            [new CheckReport(Payload("check"), "ERROR", 1, Payload("check-message"))],
            "https://cockpit.example.com/runs/1\"><script>alert('link')</script>", MailLanguage.Texts(null));

        var html = body.Html();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        foreach (var field in new[] { "headline", "label", "reason", "step", "step-error", "check", "check-message", "link" })
        {
            Assert.Contains($"&lt;script&gt;alert(&#39;{field}&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        }
    }
}
