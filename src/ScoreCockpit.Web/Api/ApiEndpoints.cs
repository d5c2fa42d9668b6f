namespace ScoreCockpit.Web.Api;

public static class ApiEndpoints
{
    public const string DocumentName = "v1";

    /// <summary>The API under /api/v1 and its OpenAPI document at /openapi/v1.json.</summary>
    public static IEndpointRouteBuilder MapScoreCockpitApi(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous on purpose: the document describes the API, it holds no data.
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(ApiServices.ReadPolicy)
            .RequireRateLimiting(ApiServices.RateLimitPolicy)
            // Only a bearer token authenticates the API (the policies name no other scheme): a browser's portal cookie
            // is never enough, so another site cannot ride on a signed-in person's session and no antiforgery token is needed.
            .DisableAntiforgery()
            .AddEndpointFilter(ApiProblems.CatchAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("ScoreCockpit");
        api.MapReadRoutes();
        api.MapRunRoutes();
        return endpoints;
    }
}
