using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>Check every live version of a score (or one) against ML.NET on the latest labelled snapshot.</summary>
public sealed record VerifyVersions(string Score, int? Number = null);

/// <summary>
/// One version's check: the largest difference between the plan's score and ML.NET's over every row, how many rows
/// differ at all (bit for bit), and whether ranks and deciles come out the same; or why it could not be checked.
/// </summary>
public sealed record VersionCheck(int Number, string? Challenger, DateOnly? Date, long Rows, double? LargestDifference,
    long DifferingRows, bool? SameRanks, string? Problem)
{
    /// <summary>The tolerance the plan is held to; in practice it gives ML.NET's floats exactly.</summary>
    public const double Tolerance = 1e-6;

    public bool Passed => Problem is null && LargestDifference <= Tolerance && SameRanks == true;
}

/// <summary>
/// ML.NET stays the reference: each version's model zip scores the snapshot through ML.NET's own pipeline and its
/// compiled plan scores the same rows, read in the same order, and the two are compared row by row.
/// </summary>
public sealed class VerifyVersionsHandler(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, ArtifactStore artifacts, ScoringPlans plans, CockpitClock clock)
{
    private const int BatchRows = 1 << 16;

    public async Task<IReadOnlyList<VersionCheck>> HandleAsync(VerifyVersions request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "verify compiled versions");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scope = await ScoreScope.LoadAsync(db, request.Score, clock, ct);
        var (score, definition) = (scope.Score, scope.Definition);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.ScoreId == score.Id && v.PurgedAt == null)
            .Where(v => request.Number == null || v.Number == request.Number).OrderBy(v => v.Number).ToListAsync(ct);
        if (request.Number is { } number && versions.Count == 0)
        {
            throw new CockpitValidationException($"{score.Name} has no version {number} with its model (it does not exist or was purged).");
        }

        var labelled = scope.LabelledOn(scope.Today);
        if (labelled.Count == 0)
        {
            throw new CockpitValidationException($"{score.Name} has no labelled snapshot yet: build snapshots whose labels are known, then verify.");
        }

        var date = labelled[^1];
        var table = scope.At(date)!.TableName;
        var checks = new List<VersionCheck>();
        await using var session = await connections.OpenAsync(definition.Connection, ct);
        foreach (var version in versions)
        {
            try
            {
                var model = await plans.GetAsync(version, score.Name, ct);
                var reference = new ModelScorer(await artifacts.GetAsync(version.ArtifactSha256, ct));
                checks.Add(await CompareAsync(session, version, reference, model, table, definition.KeyColumn, date, ct));
            }
            catch (Exception e) when (e is ScoringPlanException or ModelInputException or InvalidDataException or FileNotFoundException)
            {
                checks.Add(new VersionCheck(version.Number, version.ChallengerName, date, 0, null, 0, null, e.Message));
            }
        }

        return checks;
    }

    private static async Task<VersionCheck> CompareAsync(WarehouseSession session, ModelVersion version, ModelScorer reference,
        CompiledModel model, string table, string key, DateOnly date, CancellationToken ct)
    {
        // Both read the rows in the key's order, so row i is the same customer on both sides.
        var sql = RenderedSql.Plain($"SELECT * FROM {session.Dialect.QuoteIdentifier(table)} ORDER BY {session.Dialect.QuoteIdentifier(key)}");
        var (expected, actual) = (new List<float>(), new List<float>());
        await using (var reader = await session.ReadAsync(sql, ct))
        {
            var scoring = reference.Score(reader, key, $"the snapshot {table}");
            await Task.Run(() => expected.AddRange(scoring.Rows.Select(r => r.Probability ?? r.Score)), ct);
        }

        await using (var reader = await session.ReadAsync(sql, ct))
        {
            var wanted = model.Columns.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
            await Task.Run(() =>
            {
                while (ColumnBatch.Read(reader, wanted, BatchRows, ct: ct) is { } batch)
                {
                    model.Check(batch, $"the snapshot {table}");
                    var (raw, probability) = (new float[batch.Rows], model.GivesProbabilities ? new float[batch.Rows] : null);
                    model.Score(batch, raw, probability);
                    actual.AddRange(probability ?? raw);
                }
            }, ct);
        }

        if (expected.Count != actual.Count)
        {
            return new VersionCheck(version.Number, version.ChallengerName, date, expected.Count, null, 0, null,
                $"ML.NET scored {expected.Count} rows and the plan {actual.Count}.");
        }

        var largest = 0.0;
        long differing = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var difference = Math.Abs((double)expected[i] - actual[i]);
            largest = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(largest, difference);
            differing += BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]) ? 1 : 0;
        }

        return new VersionCheck(version.Number, version.ChallengerName, date, expected.Count, largest, differing, SameRanks(expected, actual), null);
    }

    /// <summary>Ranks as a scoring run gives them (highest first, ties by row), and so deciles, compared position by position.</summary>
    private static bool SameRanks(List<float> expected, List<float> actual)
    {
        int[] Order(List<float> scores) =>
            [.. Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i)];
        return Order(expected).SequenceEqual(Order(actual));
    }
}
