using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scores;

/// <summary>"New score from this one": the same dataprep and settings under a new name, with its own variables.</summary>
public sealed record CloneScore(string Source, string NewName, string? Description = null, IReadOnlyList<VariableSetting>? Variables = null);

public sealed class CloneScoreHandler(GetScoreHandler get, CreateScoreHandler create)
{
    public async Task<Score> HandleAsync(CloneScore request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "create scores");
        var source = (await get.HandleAsync(request.Source, ct)).Definition;
        var copy = source with
        {
            Name = request.NewName,
            Description = request.Description ?? $"Copy of {source.Name}. {source.Description}".Trim(),
            Variables = request.Variables ?? source.Variables,
            // The copy writes its own scores; it must never overwrite the source's output.
            OutputTable = "",
        };
        return await create.HandleAsync(new CreateScore(copy), actor, ct);
    }
}
