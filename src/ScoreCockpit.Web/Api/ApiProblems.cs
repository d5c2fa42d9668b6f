using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Web.Api;

/// <summary>The API's errors, as problem details (RFC 9457) whose detail says what is wrong and what to do.</summary>
internal static class ApiProblems
{
    public static Task WriteAsync(HttpContext http, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(http);

    /// <summary>
    /// The engine's errors meant for people, caught in one place: a refused role is 403; on a GET an input the engine
    /// cannot accept is a name that matches nothing (404), elsewhere a request to correct (400).
    /// </summary>
    public static async ValueTask<object?> CatchAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AccessDeniedException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Your role does not allow this");
        }
        catch (CockpitValidationException e)
        {
            return HttpMethods.IsGet(context.HttpContext.Request.Method)
                ? Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found")
                : Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be accepted");
        }
    }
}
