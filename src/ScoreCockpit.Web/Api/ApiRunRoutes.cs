using ScoreCockpit.Engine.Api;
using ScoreCockpit.Web.Accounts;

namespace ScoreCockpit.Web.Api;

/// <summary>What a run-scope token does: start a scenario. The handler checks the Analyst role like the portal's Run now.</summary>
internal static class ApiRunRoutes
{
    public static void MapRunRoutes(this RouteGroupBuilder api)
    {
        api.MapPost("/scenarios/{scenario}/runs", async (string scenario, StartRunApi? body, HttpContext http, StartScenarioRunHandler start,
                CancellationToken ct) =>
            {
                var id = await start.HandleAsync(new StartScenarioRun(scenario, body?.AsOf), CurrentActor.From(http.User), ct);
                var location = $"/api/v1/runs/{id}";
                return Results.Accepted(location, new RunStartedApi(id, location));
            })
            .RequireAuthorization(ApiServices.RunPolicy)
            .WithName("StartRun")
            .WithSummary("Starts a scenario (by name or number) and answers at once; follow the run at the Location given.")
            .Produces<RunStartedApi>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
