using System.Text;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Web.Scores;

internal static class ScoreEndpoints
{
    public static void MapScoreEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The definition as a file, for version control; any signed-in person may read it.
        endpoints.MapGet("/scores/{name}/definition.json", async (string name, GetScoreHandler scores, CancellationToken ct) =>
        {
            try
            {
                var json = await scores.ExportAsync(name, ct);
                return Results.File(Encoding.UTF8.GetBytes(json), "application/json", $"{name}.score.json");
            }
            catch (CockpitValidationException e)
            {
                return Results.NotFound(e.Message);
            }
        });
    }
}
