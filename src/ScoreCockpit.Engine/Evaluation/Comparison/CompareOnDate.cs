using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Evaluation.Comparison;

/// <summary>
/// Champion versus challengers on identical rows: the labelled snapshot of one date is read once and scored by each
/// chosen version (and the active one, always), giving each AUC, the DeLong interval of its difference with the
/// active version, and gains and lift curves. Nothing is stored; results are kept in memory for a while.
/// Anyone signed in may read it.
/// </summary>
public sealed class CompareOnDateHandler(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, ScoringPlans plans, CockpitClock clock)
{
    private readonly ComparisonCache _cache = new();

    public async Task<DateComparison> CompareAsync(string scoreName, DateOnly date, IReadOnlyList<int> versionNumbers, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scope = await ScoreScope.LoadAsync(db, scoreName, clock, ct);
        var (score, definition, snapshots) = (scope.Score, scope.Definition, scope.Snapshots);
        EvaluationDates.For(scope, scope.Today, date);

        if (versionNumbers.Count == 0)
        {
            throw new CockpitValidationException($"Choose at least one version of {score.Name} to compare.");
        }

        // The active version is always scored: every difference is measured against it.
        var active = await ActiveVersions.CurrentAsync(db, score.Id, ct);
        var wanted = versionNumbers.Concat(active is null ? [] : [active.Number]).Distinct().Order().ToList();

        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.ScoreId == score.Id && wanted.Contains(v.Number)).ToListAsync(ct);
        foreach (var number in wanted.Except(versions.Select(v => v.Number)))
        {
            throw new CockpitValidationException($"{score.Name} has no version {number}: pick versions from the Versions tab.");
        }

        foreach (var purged in versions.Where(v => v.PurgedAt is not null))
        {
            throw new CockpitValidationException(
                $"Version {purged.Number} of {score.Name} was purged: its model is gone, so only its stored evaluations remain. Leave it out of the comparison.");
        }

        var key = ComparisonCache.Key(score.Name, date, wanted, active?.Number);
        if (_cache.Get(key) is { } cached)
        {
            return cached;
        }

        LabelledSnapshot snapshot;
        await using (var session = await connections.OpenAsync(definition.Connection, ct))
        {
            var table = snapshots.Single(s => s.ReferenceDate == date).TableName;
            snapshot = await LabelledSnapshot.LoadAsync(session, date, table, definition.TargetColumn, definition.KeyColumn,
                LabelledSnapshot.Uses(versions), ct);
        }

        var scored = new ConcurrentDictionary<int, (SnapshotScores? Scores, string? Failure)>();
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForEachAsync(versions, parallel, async (version, token) =>
        {
            try
            {
                scored[version.Number] = (EvaluationUnit.Score(await plans.GetAsync(version, score.Name, token), snapshot), null);
            }
            catch (Exception e) when (e is ModelInputException or ScoringPlanException)
            {
                scored[version.Number] = (null, e.Message);
            }
        });

        var comparison = Build(snapshot, versions, active?.Number, scored, definition);
        _cache.Put(key, comparison);
        return comparison;
    }

    private static DateComparison Build(LabelledSnapshot snapshot, IReadOnlyList<ModelVersion> versions, int? active,
        ConcurrentDictionary<int, (SnapshotScores? Scores, string? Failure)> scored, ScoreDefinition definition)
    {
        var cutoffs = definition.LiftCutoffs;
        var labels = snapshot.Labels;
        var positives = labels.Count(l => l);
        var activeScores = active is { } a ? scored[a].Scores : null;
        var percents = GainsCurves.WithCutoffs(cutoffs);
        var rows = versions.OrderBy(v => v.Number).Select(version =>
        {
            var (scores, failure) = scored[version.Number];
            var kind = EvaluationKinds.Of(VersionJson.Dates(version.TrainingDatesJson), version.ValidationDate, snapshot.Date);
            if (scores is null)
            {
                return new VersionOnDate(version.Number, version.ChallengerName, version.Number == active, kind,
                    null, [], null, [], [], [], failure);
            }

            var metrics = Metrics.Compute(scores.Scores, labels, percents);
            var (gains, lift) = GainsCurves.From(metrics.Cutoffs);
            var versus = activeScores is not null && version.Number != active
                ? DeLong.Difference(scores.Scores, activeScores.Scores, labels)
                : null;
            return new VersionOnDate(version.Number, version.ChallengerName, version.Number == active, kind, metrics.Auc,
                [.. metrics.Cutoffs.Where(c => cutoffs.Contains(c.Percent))], versus, gains, lift, scores.Warnings, null);
        }).ToList();
        var thin = definition.ThinDates.IsThin(labels.Length, positives) ? definition.ThinDates.Describe(labels.Length, positives) : null;
        return new DateComparison(snapshot.Date, labels.Length, labels.Length == 0 ? 0 : (double)positives / labels.Length, rows, thin);
    }
}
