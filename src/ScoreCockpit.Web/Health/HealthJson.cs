using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ScoreCockpit.Web.Health;

/// <summary>The probes' answer: overall status, one reason per check, and when it was checked. Never an exception.</summary>
internal static class HealthJson
{
    private sealed record Body(string Status, IReadOnlyList<Check> Checks, DateTimeOffset CheckedAt);

    private sealed record Check(string Name, string Status, string Reason, long DurationMs);

    public static async Task WriteAsync(HttpContext context, HealthReport report, DateTimeOffset checkedAt)
    {
        // A 503 is the answer itself, not an error for the portal's "page not found" page to replace.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        // Degraded still serves: a probe that restarted or unrouted the portal for a warehouse would not help.
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        var body = new Body(report.Status.ToString(),
            report.Entries.Select(e => new Check(e.Key, e.Value.Status.ToString(), e.Value.Description ?? e.Value.Status.ToString(),
                (long)Math.Round(e.Value.Duration.TotalMilliseconds))).ToList(),
            checkedAt);
        await context.Response.WriteAsJsonAsync(body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
