using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>
/// Replay the monthly retrain as of each month from <paramref name="From"/> to <paramref name="To"/> (same day of
/// the month): train the version and the challengers of that day — none when the month brought no newly labelled
/// snapshot ("no new data: same as vN") — then evaluate every version on every date labelled today, later than
/// <paramref name="To"/> included. With <paramref name="ActivationComment"/>, activations a careful analyst would have
/// made are replayed too, dated the day after each as-of date, with that comment in front of the reason.
/// <paramref name="Executor"/> runs the training and evaluation units elsewhere (child processes, Jobs): trainings one
/// after the other, since version numbers follow their order; evaluations of different dates side by side.
/// </summary>
public sealed record Backfill(string Score, DateOnly From, DateOnly To, string? ActivationComment = null, Units.ExecutorChoice? Executor = null);

public sealed record BackfillProgress(string Score, int Done, int Total, string Stage);

/// <param name="NoNewData">One line per as-of date that trained nothing new: "2025-05-01: no new data: same as v3".</param>
public sealed record BackfillSummary(
    string Score, int Trained, int Challengers, int AlreadyThere, int Skipped, int Evaluations, int Activations, TimeSpan Duration,
    IReadOnlyList<string> NoNewData);

public sealed class BackfillHandler(
    IDbContextFactory<CockpitDbContext> contexts, TrainVersionHandler train, TrainChallengersHandler challengers,
    EvaluateAllVersionsHandler evaluate, ActivateVersionHandler activate, Snapshots.RefreshLabelsHandler labels,
    Units.UnitDispatcher units, Units.EvaluationUnits evaluations, TimeProvider time, CockpitClock cockpit)
{
    public async Task<BackfillSummary> HandleAsync(Backfill request, Actor actor, IProgress<BackfillProgress>? progress = null, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "backfill model versions");
        var clock = time.GetTimestamp();
        var today = cockpit.Today;
        if (request.From > request.To || request.To > today)
        {
            throw new CockpitValidationException(
                $"A backfill runs from a date to a later one, not after today ({today:yyyy-MM-dd}): {request.From:yyyy-MM-dd} to {request.To:yyyy-MM-dd} is not possible.");
        }

        var days = Enumerable.Range(0, int.MaxValue).Select(request.From.AddMonths).TakeWhile(d => d <= request.To).ToList();
        await labels.RefreshDueAsync(request.Score, actor, null, ct);
        var calendar = await CalendarAsync(request.Score, ct);
        var (trained, challengerCount, already, skipped, evaluations, activations) = (0, 0, 0, 0, 0, 0);
        var unchanged = new List<string>();
        for (var i = 0; i < days.Count; i++)
        {
            var asOf = days[i];
            progress?.Report(new BackfillProgress(request.Score, i, days.Count, $"{request.Score} as of {asOf:yyyy-MM-dd}"));
            if (!LabelCalendar.CanTrain(calendar.Dates, calendar.Horizon, asOf, calendar.Thin))
            {
                // Too early: fewer than two snapshots had known labels on that day, or none after the first with enough
                // rows and positives to validate on. Nothing to train, nothing lost.
                skipped++;
                continue;
            }

            var existing = await VersionsOfAsync(request.Score, asOf, ct);
            var version = existing.FirstOrDefault(v => v.ChallengerName is null);
            if (version is null)
            {
                var outcome = await TrainAsync(request, asOf, actor, ct);
                version = outcome.Version;
                trained += outcome.IsNew ? 1 : 0;
                if (outcome.Note is { } note)
                {
                    unchanged.Add($"{asOf:yyyy-MM-dd}: {note}");
                    progress?.Report(new BackfillProgress(request.Score, i, days.Count, $"{request.Score} as of {asOf:yyyy-MM-dd}: {note}"));
                }
            }
            else
            {
                already++;
            }

            if (existing.All(v => v.ChallengerName is null))
            {
                challengerCount += await ChallengersAsync(request, asOf, actor, ct);
            }

            // The month's new labelled date now, for the decision; the rest in one pass at the end, where each
            // snapshot is read once for every version instead of once per month.
            if (version.ValidationDate is { } newest)
            {
                var evaluated = await EvaluateAsync(request, new EvaluateAllVersions(request.Score, newest, AsOf: asOf), actor, ct);
                evaluations += evaluated.Computed + evaluated.Failed;
            }

            // A month that trained nothing new has nothing new to decide on.
            if (request.ActivationComment is { } prefix && version.AsOfDate == asOf && await DecideAsync(request.Score, version, asOf, ct) is { } reason)
            {
                var at = asOf.AddDays(1).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
                await activate.HandleAsync(new ActivateVersion(request.Score, version.Number, $"{prefix}: {reason}", at), actor, ct);
                activations++;
            }
        }

        // Every version on every date labelled today, not only up to --to: the history a person opens today is complete.
        progress?.Report(new BackfillProgress(request.Score, days.Count, days.Count, $"{request.Score}: evaluating every version"));
        var rest = await EvaluateAsync(request, new EvaluateAllVersions(request.Score, AsOf: today), actor, ct);
        evaluations += rest.Computed + rest.Failed;

        return new BackfillSummary(request.Score, trained, challengerCount, already, skipped, evaluations, activations, time.GetElapsedTime(clock), unchanged);
    }

    private static bool InProcess(Backfill request) => request.Executor is null || request.Executor.Kind == Units.ExecutorKind.InProcess;

    private async Task<TrainingOutcome> TrainAsync(Backfill request, DateOnly asOf, Actor actor, CancellationToken ct)
    {
        if (InProcess(request))
        {
            return await train.HandleAsync(new TrainVersion(request.Score, asOf), actor, ct);
        }

        var result = await RunUnitAsync(request, new Units.UnitOfWork(Units.UnitKind.Train, request.Score) { Date = asOf }, actor, ct);
        var version = await VersionAsync(request.Score, (int)result.Number("version"), ct);
        // A version trained by the unit is new; one it reused ("no new data") is not, as the handler would say.
        return new TrainingOutcome(version, !result.Flag("reused"));
    }

    private async Task<int> ChallengersAsync(Backfill request, DateOnly asOf, Actor actor, CancellationToken ct) => InProcess(request)
        ? (await challengers.HandleAsync(new TrainChallengers(request.Score, asOf), actor, ct)).Count(c => c.IsNew)
        : (int)(await RunUnitAsync(request, new Units.UnitOfWork(Units.UnitKind.TrainChallengers, request.Score) { Date = asOf }, actor, ct)).Number("trained");

    private Task<EvaluationRunSummary> EvaluateAsync(Backfill request, EvaluateAllVersions evaluation, Actor actor, CancellationToken ct) =>
        InProcess(request) ? evaluate.HandleAsync(evaluation, actor, ct: ct) : evaluations.HandleAsync(evaluation, actor, request.Executor, ct: ct);

    private async Task<Units.UnitResult> RunUnitAsync(Backfill request, Units.UnitOfWork unit, Actor actor, CancellationToken ct)
    {
        var result = await units.RunAsync(unit, actor, _ => { }, request.Executor, ct: ct);
        Units.UnitFailedException.ThrowIfAny([(unit, result)]);
        return result;
    }

    private async Task<ModelVersion> VersionAsync(string scoreName, int number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        return await db.ModelVersions.AsNoTracking().SingleAsync(v => v.ScoreId == score.Id && v.Number == number, ct);
    }

    /// <summary>The score's snapshot dates and horizon: which days have enough labelled snapshots to train on.</summary>
    private async Task<(IReadOnlyList<DateOnly> Dates, LabelHorizon Horizon, IReadOnlySet<DateOnly> Thin)> CalendarAsync(string scoreName, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scope = await ScoreScope.LoadAsync(db, scoreName, cockpit, ct);
        return (scope.FinalDates, scope.Definition.Horizon, scope.Thin);
    }

    private async Task<List<ModelVersion>> VersionsOfAsync(string scoreName, DateOnly asOf, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        return await TrainedVersions.OfDayAsync(db, score.Id, asOf, ct);
    }

    /// <summary>Compares the new version with the active one on the new version's validation date, as the analyst would.</summary>
    private async Task<string?> DecideAsync(string scoreName, ModelVersion version, DateOnly asOf, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        var active = await ActiveVersions.CurrentAsync(db, score.Id, ct);
        if (active?.Id == version.Id || version.ValidationDate is not { } date)
        {
            return null;
        }

        var aucs = await db.Evaluations.AsNoTracking()
            .Where(e => e.EvaluationDate == date && !e.Thin && (e.VersionId == version.Id || (active != null && e.VersionId == active.Id)))
            .ToDictionaryAsync(e => e.VersionId, e => (e.Auc, e.AucUpper), ct);
        var current = active is null ? null
            : new Candidate(active.Number, active.AsOfDate, aucs.GetValueOrDefault(active.Id).Auc, aucs.GetValueOrDefault(active.Id).AucUpper);
        // A version refitted on its validation date has an in-sample figure there: the AUC measured before the refit decides.
        var refitted = VersionJson.Dates(version.TrainingDatesJson).Contains(date);
        var own = refitted ? version.ValidationAuc : aucs.GetValueOrDefault(version.Id).Auc;
        return CarefulAnalyst.Decide(current, new Candidate(version.Number, version.AsOfDate, own), date);
    }
}
