using Microsoft.Net.Http.Headers;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Web.Reporting;

namespace ScoreCockpit.Web.Portfolio;

/// <summary>
/// `/reports/portfolio.xlsx`: every score's health on one sheet. Every signed-in person may download it (the fallback
/// policy requires sign-in; reading needs no role), in their language (the request's UI culture, else the installation's).
/// </summary>
internal static class PortfolioEndpoints
{
    public static void MapPortfolioEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/reports/portfolio.xlsx", async (HttpContext http, PortfolioReportHandler report, CockpitCulture installation, CancellationToken ct) =>
        {
            var response = http.Response;
            response.ContentType = PortfolioReportHandler.ContentType;
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = report.FileName() }.ToString();
            // The health changes with every evaluation and run; a cached copy would show yesterday's.
            response.Headers.CacheControl = "no-store";
            await report.WriteAsync(response.Body, ReportEndpoints.ReaderCulture(installation), ct);
            return Results.Empty;
        });
}
