using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Web.Accounts;

namespace ScoreCockpit.Web.Reporting;

/// <summary>
/// `/scores/{name}/report.xlsx`: the score's formatted Excel report, for every signed-in person (the fallback policy
/// requires sign-in; reading needs no role). Built in memory before the first byte, so an unknown score is a clean 404.
/// </summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/scores/{name}/report.xlsx", async (HttpContext http, string name, ScoreReportHandler reports, CancellationToken ct) =>
        {
            using var file = new MemoryStream();
            try
            {
                await reports.WriteAsync(name, file, CurrentActor.From(http.User), ct);
            }
            catch (CockpitValidationException e)
            {
                return Results.NotFound(e.Message);
            }
            catch (AccessDeniedException)
            {
                return Results.Forbid();
            }

            // A report is a picture of now: a cached copy would show yesterday's evaluations.
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(file.ToArray(), ScoreReportHandler.ContentType, reports.FileName(name));
        });
}
