using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>
/// The compiled form of every version: its scoring plan, derived from the model zip when the version is registered
/// (or, for a version trained before plans existed, on its first use, then recorded), stored beside the zip, and
/// kept compiled in memory by content so every evaluation, scoring run and comparison in the process shares it.
/// </summary>
public sealed class ScoringPlans(IDbContextFactory<CockpitDbContext> contexts, ArtifactStore artifacts, ILogger<ScoringPlans> log)
{
    /// <summary>Compiled plans kept; a plan of 100 trees of 31 leaves weighs about 100 KB.</summary>
    private const int Kept = 512;

    private readonly ConcurrentDictionary<string, Lazy<Task<CompiledModel>>> _compiled = new(StringComparer.Ordinal);

    /// <summary>Reads the plan out of a model zip and stores it; returns its SHA-256. Throws <see cref="ScoringPlanException"/>.</summary>
    public async Task<string> DeriveAsync(byte[] modelZip, string what, CancellationToken ct = default)
    {
        var plan = await Task.Run(() => PlanExtractor.FromModelZip(modelZip, what), ct);
        return (await artifacts.PutAsync(ScoringPlanJson.Write(plan), ArtifactKind.Plan, ct)).Sha256;
    }

    /// <summary>
    /// The version's compiled plan. Throws <see cref="ScoringPlanException"/> naming the version when its plan is
    /// corrupt, from a newer format, or cannot be derived: only that version's work fails.
    /// </summary>
    public async Task<CompiledModel> GetAsync(ModelVersion version, string scoreName, CancellationToken ct = default)
    {
        var what = $"{scoreName} v{version.Number}";
        if (_compiled.Count > Kept)
        {
            _compiled.Clear();
        }

        var entry = _compiled.GetOrAdd(version.ArtifactSha256, _ => new Lazy<Task<CompiledModel>>(() => CompileAsync(version, what)));
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failure is not kept: once the plan file is mended or removed, the next use tries again.
            _compiled.TryRemove(KeyValuePair.Create(version.ArtifactSha256, entry));
            throw;
        }
    }

    /// <summary>The plan as stored (deriving it first if the version has none), for display and verification.</summary>
    public async Task<ScoringPlan> PlanAsync(ModelVersion version, string scoreName, CancellationToken ct = default) =>
        (await GetAsync(version, scoreName, ct)).Plan;

    /// <summary>A version's plan as its JSON file, for people to read; refused for an unknown or purged version.</summary>
    public async Task<byte[]> JsonAsync(string scoreName, int number, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await Scores.ScoreRecords.FindAsync(db, scoreName, ct);
        var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ScoreId == score.Id && v.Number == number, ct)
            ?? throw new Accounts.CockpitValidationException($"{score.Name} has no version {number}.");
        if (version.PurgedAt is not null)
        {
            throw new Accounts.CockpitValidationException($"Version {number} of {score.Name} was purged: its model and plan are gone.");
        }

        return ScoringPlanJson.Write((await GetAsync(version, score.Name, ct)).Plan);
    }

    private async Task<CompiledModel> CompileAsync(ModelVersion version, string what)
    {
        var sha = version.PlanSha256;
        if (sha is null || !artifacts.Exists(sha, ArtifactKind.Plan))
        {
            sha = await DeriveAsync(await artifacts.GetAsync(version.ArtifactSha256), what);
            await RecordAsync(version, sha);
            log.LogInformation("Derived the scoring plan of {Version} from its model ({Plan}).", what, sha);
        }

        byte[] json;
        try
        {
            json = await artifacts.GetAsync(sha, ArtifactKind.Plan);
        }
        catch (InvalidDataException e)
        {
            throw new ScoringPlanException(
                $"The scoring plan of {what} is corrupt: {e.Message} Delete that file and the plan is derived again from the model.", e);
        }

        return new CompiledModel(ScoringPlanJson.Read(json, what));
    }

    /// <summary>Every version holding this model gets the plan, so it is derived once.</summary>
    private async Task RecordAsync(ModelVersion version, string sha)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.ModelVersions.Where(v => v.ArtifactSha256 == version.ArtifactSha256)
            .ExecuteUpdateAsync(v => v.SetProperty(x => x.PlanSha256, sha));
        version.PlanSha256 = sha;
    }
}
