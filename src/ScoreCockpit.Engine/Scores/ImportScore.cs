using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

/// <summary>
/// Reads an exported definition: creates the score, or replaces the definition of the score of that name.
/// <paramref name="ReplaceControl"/> names, in the caller's own words, how a person asks for the replacement
/// (`--replace`, a checkbox), so a name clash tells them what to do where they are.
/// </summary>
public sealed record ImportScore(string Json, bool ReplaceExisting, string ReplaceControl = "the replace option");

public sealed class ImportScoreHandler(
    IDbContextFactory<CockpitDbContext> contexts, CreateScoreHandler create, UpdateScoreHandler update)
{
    public async Task<ScoreDefinition> HandleAsync(ImportScore request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "import scores");
        var definition = ScoreDefinitionJson.Read(request.Json);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Scores.AnyAsync(s => s.Name == definition.Name, ct))
        {
            await create.HandleAsync(new CreateScore(definition), actor, ct);
            return definition;
        }

        return request.ReplaceExisting
            ? await update.HandleAsync(new UpdateScore(definition.Name, definition), actor, ct)
            : throw new CockpitValidationException(
                $"A score named '{definition.Name}' already exists. To replace its definition use {request.ReplaceControl}, or rename the score in the file.");
    }
}
