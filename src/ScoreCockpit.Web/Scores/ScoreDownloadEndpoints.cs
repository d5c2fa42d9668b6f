using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scoring.Export;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Web.Scores;

/// <summary>
/// `/scores/{name}/scores.csv` and `/scores/{name}/scores.xlsx` (`?date=yyyy-MM-dd`, default the latest): a score's
/// customers streamed straight to the response, so a million rows cost the server a few megabytes, not a file in memory.
/// A CSV file follows the person's language: semicolons and decimal commas in French (what Excel in French opens into
/// columns), commas and decimal points otherwise; the file name is the same.
/// `/scores/{name}/versions/{n}/plan.json`: a version's scoring plan; `…/plan.sql?dialect=…`: the plan as a SQL script.
/// Every signed-in person may download (the fallback policy requires sign-in; reading needs no role).
/// </summary>
internal static class ScoreDownloadEndpoints
{
    public static void MapScoreDownloadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/scores/{name}/scores.csv", (HttpContext http, string name, string? date, ExportScoresHandler exports, CancellationToken ct) =>
            DownloadAsync(http, exports, name, ScoreFileFormat.Csv, date, ct));
        endpoints.MapGet("/scores/{name}/scores.xlsx", (HttpContext http, string name, string? date, ExportScoresHandler exports, CancellationToken ct) =>
            DownloadAsync(http, exports, name, ScoreFileFormat.Xlsx, date, ct));
        endpoints.MapGet("/scores/{name}/versions/{number:int}/plan.json", PlanAsync);
        endpoints.MapGet("/scores/{name}/versions/{number:int}/plan.sql", PlanSqlAsync);
    }

    /// <summary>A version's plan as a SQL script for a dialect (<c>?dialect=</c>, default the kind of the score's connection).</summary>
    private static async Task<IResult> PlanSqlAsync(string name, int number, string? dialect, VersionSqlHandler sql, CancellationToken ct)
    {
        WarehouseKind? kind;
        try
        {
            kind = string.IsNullOrWhiteSpace(dialect) ? null : VersionSqlHandler.Parse(dialect);
        }
        catch (CockpitValidationException e)
        {
            return Results.BadRequest(e.Message);
        }

        try
        {
            var script = await sql.HandleAsync(new VersionSql(name, number, kind), ct);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(script.Text), "application/sql", script.FileName);
        }
        catch (CockpitValidationException e)
        {
            return Results.NotFound(e.Message);
        }
        catch (ScoringPlanException e)
        {
            // A plan the dialect's limits cannot hold, or a plan that cannot be read: the message says which and what to do.
            return Results.Problem(e.Message, statusCode: e is Engine.Modeling.Plans.Sql.PlanSqlLimitException
                ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>A version's scoring plan, the JSON the kernel scores with (docs/scoring-plans.md).</summary>
    private static async Task<IResult> PlanAsync(string name, int number, ScoringPlans plans, CancellationToken ct)
    {
        try
        {
            return Results.File(await plans.JsonAsync(name, number, ct), "application/json", $"{name}-v{number}.plan.json");
        }
        catch (CockpitValidationException e)
        {
            return Results.NotFound(e.Message);
        }
        catch (ScoringPlanException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task<IResult> DownloadAsync(
        HttpContext http, ExportScoresHandler exports, string name, ScoreFileFormat format, string? date, CancellationToken ct)
    {
        DateOnly? day = null;
        ScoreExport export;
        try
        {
            day = string.IsNullOrWhiteSpace(date) ? null : ScoreFileFormats.ParseDate(date);
        }
        catch (CockpitValidationException e)
        {
            return Results.BadRequest(e.Message);
        }

        try
        {
            // A CSV file in the reader's convention: semicolons and decimal commas for a French reader, so Excel opens it in columns.
            export = await exports.PrepareAsync(new ExportScores(name, format, day, CsvConvention.ForCulture(CultureInfo.CurrentUICulture)), ct);
        }
        catch (CockpitValidationException e)
        {
            // No such score, no scores yet, none for that date: refused before the first byte, with the reason
            // (and the dates there are), instead of a broken file saved by the browser.
            return Results.NotFound(e.Message);
        }
        catch (WarehouseException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var response = http.Response;
        response.ContentType = export.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = export.FileName }.ToString();

        // The scores of that date change only by a scoring run's swap; a cached copy would hide it.
        response.Headers.CacheControl = "no-store";

        // Each chunk goes out as written instead of piling up in a response buffer (response compression would do that).
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await exports.WriteAsync(export, response.Body, ct);
        return Results.Empty;
    }
}
