using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units;

/// <summary>
/// What each kind of unit does, in this process, through the engine's handlers. Each is idempotent: a version or
/// challengers already trained as of the day are reused, only missing evaluations are computed, a snapshot or a
/// scoring run done again swaps in the same result. The outputs carry the names scenario steps expose.
/// </summary>
public sealed class UnitWork(
    IDbContextFactory<CockpitDbContext> contexts, BuildSnapshotHandler build, RefreshLabelsHandler labels, TrainVersionHandler train,
    TrainChallengersHandler challengers, EvaluateAllVersionsHandler evaluate, RunScoringHandler scoring, CockpitClock clock)
{
    public async Task<string> DoAsync(UnitOfWork unit, Actor actor, UnitOutputs outputs, Action<string> log, CancellationToken ct)
    {
        actor.Require(Roles.Analyst, "run units of work");
        return unit.Kind switch
        {
            UnitKind.BuildSnapshot => await BuildAsync(unit, actor, outputs, ct),
            UnitKind.RefreshLabels => await RefreshAsync(unit.Score, actor, outputs, log, ct),
            UnitKind.Train => await TrainAsync(unit, actor, outputs, log, ct),
            UnitKind.TrainChallengers => await ChallengersAsync(unit, actor, outputs, log, ct),
            UnitKind.Evaluate => await EvaluateAsync(unit, actor, outputs, log, ct),
            _ => await ScoreAsync(unit, actor, outputs, ct),
        };
    }

    private async Task<string> BuildAsync(UnitOfWork unit, Actor actor, UnitOutputs outputs, CancellationToken ct)
    {
        var date = unit.Date ?? throw new CockpitValidationException("A build-snapshot unit needs --date, the snapshot's reference date.");
        var snapshot = await build.HandleAsync(new BuildSnapshot(unit.Score, date, unit.Variables), actor, ct);
        outputs.Set("rows", snapshot.Rows);
        outputs.Set("reference_date", date);
        outputs.Set("table", snapshot.TableName);
        return $"Snapshot {snapshot.TableName}: {snapshot.Rows:N0} rows";
    }

    private async Task<string> RefreshAsync(string score, Actor actor, UnitOutputs outputs, Action<string> log, CancellationToken ct)
    {
        var done = await labels.HandleAsync(new RefreshLabels(score), actor, ct: ct);
        foreach (var refresh in done)
        {
            log($"Labels refreshed, {refresh.Describe()}");
        }

        outputs.Set("refreshed", done.Count);
        outputs.Set("labels_changed", done.Sum(d => d.Changed));
        return done.Count == 0 ? "No label is due for a refresh" : $"{done.Count} snapshot(s) refreshed";
    }

    private async Task<string> TrainAsync(UnitOfWork unit, Actor actor, UnitOutputs outputs, Action<string> log, CancellationToken ct)
    {
        var asOf = unit.Date ?? clock.Today;
        var version = (await VersionsOfDayAsync(unit.Score, asOf, ct)).FirstOrDefault(v => v.ChallengerName is null);
        var reused = version is not null;
        string? noNewData = null;
        if (version is null)
        {
            await RefreshAsync(unit.Score, actor, new UnitOutputs(), log, ct);
            log($"Training {unit.Score} as of {Day(asOf)}");
            var outcome = await train.HandleAsync(new TrainVersion(unit.Score, asOf), actor, ct);
            (version, noNewData) = (outcome.Version, outcome.Note);
        }

        outputs.Set("version", version.Number);
        outputs.Set("reused", reused || noNewData is not null);
        outputs.Set("no_new_data", noNewData is not null);
        if (noNewData is not null)
        {
            outputs.Set("note", noNewData);
        }

        if (version.ValidationAuc is { } auc)
        {
            outputs.Set("auc", auc);
        }

        return reused
            ? $"{unit.Score} already has version {version.Number} trained as of {Day(asOf)}: reused"
            : noNewData is not null
                ? $"{unit.Score} as of {Day(asOf)}: {noNewData}; nothing trained"
                : $"Version {version.Number} trained on {version.TrainingRows:N0} rows, validation AUC {version.ValidationAuc:0.000}";
    }

    private async Task<string> ChallengersAsync(UnitOfWork unit, Actor actor, UnitOutputs outputs, Action<string> log, CancellationToken ct)
    {
        var asOf = unit.Date ?? clock.Today;
        var existing = (await VersionsOfDayAsync(unit.Score, asOf, ct)).Count(v => v.ChallengerName is not null);
        if (existing > 0)
        {
            outputs.Set("count", existing);
            outputs.Set("trained", 0);
            return $"{unit.Score} already has {existing} challenger(s) trained as of {Day(asOf)}: kept";
        }

        var outcomes = await challengers.HandleAsync(new TrainChallengers(unit.Score, asOf), actor, ct);
        var trained = outcomes.Where(o => o.IsNew).Select(o => o.Version).ToList();
        foreach (var same in outcomes.Where(o => !o.IsNew))
        {
            log($"Challenger {same.Version.ChallengerName}: {same.Note}; nothing trained");
        }

        outputs.Set("count", trained.Count);
        outputs.Set("trained", trained.Count);
        return outcomes.Count == 0 ? $"{unit.Score} defines no challengers"
            : trained.Count == 0 ? "No challenger trained"
            : $"Trained {string.Join(", ", trained.Select(v => $"{v.ChallengerName} (version {v.Number})"))}";
    }

    private async Task<string> EvaluateAsync(UnitOfWork unit, Actor actor, UnitOutputs outputs, Action<string> log, CancellationToken ct)
    {
        var request = new EvaluateAllVersions(unit.Score, unit.Date, unit.Recompute, unit.AsOf, unit.Execution, unit.Versions.Count > 0 ? unit.Versions : null);
        var summary = await evaluate.HandleAsync(request, actor, new InlineProgress<string>(log), ct);
        outputs.Set("evaluations", summary.Computed);
        outputs.Set("failed", summary.Failed);
        outputs.Set("already", summary.AlreadyDone);
        outputs.Set("dates", summary.Dates.Count);
        if (summary.Dates.Count > 0)
        {
            outputs.Set("latest_date", summary.Dates.Max());
        }

        if (summary.Execution is { } execution)
        {
            outputs.Set("execution", execution);
        }

        return $"{summary.Computed} evaluation(s) computed, {summary.Failed} failed, {summary.AlreadyDone} already there, over {summary.Dates.Count} labelled date(s)";
    }

    private async Task<string> ScoreAsync(UnitOfWork unit, Actor actor, UnitOutputs outputs, CancellationToken ct)
    {
        var run = await scoring.HandleAsync(new RunScoring(unit.Score, unit.Date, unit.Execution), actor, ct);
        outputs.Set("rows", run.Rows);
        outputs.Set("reference_date", run.ReferenceDate);
        outputs.Set("run", run.Id);
        outputs.Set("table", run.OutputTable);
        if (run.Mean is { } mean)
        {
            outputs.Set("mean", mean);
        }

        if (run.ScorePsi is { } psi)
        {
            outputs.Set("psi", psi);
        }

        return $"Scored {run.Rows:N0} customers of {Day(run.ReferenceDate)} into {run.OutputTable}" + (run.ScorePsi is { } drift ? $"; score PSI {drift:0.000}" : "");
    }

    private async Task<List<ModelVersion>> VersionsOfDayAsync(string scoreName, DateOnly asOf, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        return await TrainedVersions.OfDayAsync(db, score.Id, asOf, ct);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
