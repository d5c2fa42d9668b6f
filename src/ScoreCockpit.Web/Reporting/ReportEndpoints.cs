using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Web.Accounts;

namespace ScoreCockpit.Web.Reporting;

/// <summary>
/// `/scores/{name}/report.xlsx`: the score's formatted Excel report, and `/scores/{name}/forward.xlsx`: its
/// forward-performance table alone. For every signed-in person (the fallback policy requires sign-in; reading needs no
/// role). Built in memory before the first byte, so an unknown score is a clean 404. Written in the person's language
/// (the request's UI culture, else the installation's).
/// </summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/scores/{name}/report.xlsx",
            (HttpContext http, string name, ScoreReportHandler reports, CockpitCulture installation, CancellationToken ct) =>
                WorkbookAsync(http, (file, actor) => reports.WriteAsync(name, file, actor, ReaderCulture(installation), ct), reports.FileName(name)));
        endpoints.MapGet("/scores/{name}/forward.xlsx",
            (HttpContext http, string name, ForwardPerformanceWorkbook forward, CockpitCulture installation, CancellationToken ct) =>
                WorkbookAsync(http, (file, actor) => forward.WriteAsync(name, file, actor, ReaderCulture(installation), ct), forward.FileName(name)));
    }

    /// <summary>
    /// The language of the person asking: the UI culture the request localization set (their account's or browser's
    /// choice) when it is a supported one, else the installation's.
    /// </summary>
    public static CultureInfo ReaderCulture(CockpitCulture installation) =>
        SupportedCultures.TryFind(CultureInfo.CurrentUICulture.Name, out var culture) ? culture : installation.Culture;

    private static async Task<IResult> WorkbookAsync(HttpContext http, Func<Stream, Actor, Task> write, string fileName)
    {
        using var file = new MemoryStream();
        try
        {
            await write(file, CurrentActor.From(http.User));
        }
        catch (CockpitValidationException e)
        {
            return Results.NotFound(e.Message);
        }
        catch (AccessDeniedException)
        {
            return Results.Forbid();
        }

        // A workbook is a picture of now: a cached copy would show yesterday's evaluations.
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(file.ToArray(), ScoreReportHandler.ContentType, fileName);
    }
}
