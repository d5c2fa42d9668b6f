using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Web.Api;

/// <summary>What a read-scope token reads: the same queries the portal's pages call, open to anyone signed in.</summary>
internal static class ApiReadRoutes
{
    public static void MapReadRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/portfolio", async (PortfolioQuery portfolio, CancellationToken ct, string? search = null, HealthLevel? health = null,
                string sort = "health", int page = 0, int pageSize = 50) =>
                PortfolioApi.Of(await portfolio.GetAsync(new PortfolioRequest(search, health, sort, page, pageSize), ct)))
            .WithName("GetPortfolio").WithSummary("Every score's health, searched, filtered, sorted and paged (the Overview page).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/scores", async (ListScoresHandler scores, CancellationToken ct) => await scores.HandleAsync(ct))
            .WithName("ListScores").WithSummary("Every score with its snapshot coverage, archived ones marked.");

        api.MapGet("/scores/{score}", async (string score, GetScoreHandler scores, CancellationToken ct) =>
                ScoreApi.Of(await scores.HandleAsync(score, ct)))
            .WithName("GetScore").WithSummary("One score with its definition, as its export file writes it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/scores/{score}/versions", async (string score, ListVersionsHandler versions, CancellationToken ct) =>
                await versions.HandleAsync(score, ct))
            .WithName("ListVersions").WithSummary("The score's model versions, newest first, the active one marked.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/scores/{score}/evaluations", async (string score, PerformanceQueries performance, CancellationToken ct, int? version = null) =>
                EvaluationPointApi.SeriesOf(await performance.AllAsync(score, version, ct)))
            .WithName("ListEvaluations")
            .WithSummary("Evaluations as time series: per version, one point per evaluation date with its metrics (AUC, Gini, KS, lift…).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/scores/{score}/scoring-runs", async (string score, ListScoringRunsHandler runs, CancellationToken ct, int take = 100) =>
                await runs.HandleAsync(score, Math.Clamp(take, 1, 1000), ct))
            .WithName("ListScoringRuns").WithSummary("The score's scoring runs, newest first, with their distribution and drift.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/scores/{score}/checks", async (string score, GetScoreHandler scores, QualityQueries quality, CancellationToken ct) =>
            {
                var name = (await scores.HandleAsync(score, ct)).Definition.Name;
                var overview = await quality.OverviewAsync(ct);
                return new ScoreChecksApi(overview.Checks.Where(c => c.ScoreName == name).ToList(),
                    overview.Metrics.Where(m => m.ScoreName == name).ToList());
            })
            .WithName("ListChecks").WithSummary("The score's data-quality checks with their latest results, and its metrics' latest values.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/scenarios", async (ScenarioQueries scenarios, CancellationToken ct, string? score = null) =>
                await scenarios.ListAsync(score, ct))
            .WithName("ListScenarios").WithSummary("Every scenario with its triggers, next fire time and last run.");

        api.MapGet("/runs/{id:long}", async (long id, RunQueries runs, CancellationToken ct) =>
                await runs.GetAsync(id, ct) is { } run
                    ? Results.Ok(RunApi.Of(run))
                    : Results.Problem($"There is no run {id}. List a scenario's runs on the portal's Runs page.",
                        statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .WithName("GetRun").WithSummary("One scenario run with its steps: poll it until finished is true.")
            .Produces<RunApi>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
