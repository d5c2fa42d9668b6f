using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Quality;

/// <summary>Run checks for one reference date (a scenario's "run checks" step).</summary>
public sealed record RunChecks(
    string? ScoreName, IReadOnlyList<CheckDefinition> Checks, DateOnly ReferenceDate,
    IReadOnlyDictionary<string, Variable> Variables, long? ScenarioRunId = null);

public sealed record CheckOutcome(string Name, CheckStatus Status, double? Value, string Message);

/// <summary>
/// Evaluates each check on the metrics already measured (and, for compare-row-counts, on two fresh row counts) and
/// records the outcome in check_results; running a (score, check, date) again replaces it. A check never throws for a
/// data problem: a missing metric or table is an ERROR outcome with its reason, so the other checks still run.
/// </summary>
public sealed class RunChecksHandler(IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, TimeProvider time)
{
    public async Task<IReadOnlyList<CheckOutcome>> RunAsync(RunChecks request, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = request.ScoreName is null ? null : await ScoreRecords.FindAsync(db, request.ScoreName, ct);
        var scoreId = score?.Id;
        var names = request.Checks.Select(c => c.Name).ToList();
        var stored = await db.CheckResults
            .Where(r => r.ScoreId == scoreId && r.ReferenceDate == request.ReferenceDate && names.Contains(r.CheckName))
            .ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var outcomes = new List<CheckOutcome>(request.Checks.Count);
        foreach (var check in request.Checks)
        {
            var result = await EvaluateAsync(db, score, check, request, ct);
            var row = stored.FirstOrDefault(r => r.CheckName == check.Name)
                ?? db.CheckResults.Add(new CheckResult { ScoreId = scoreId, CheckName = check.Name, Kind = "", Message = "" }).Entity;
            row.Kind = QualityNames.Of(check.Kind);
            row.MetricName = check.Metric;
            row.Status = result.Outcome.Status;
            row.Message = result.Outcome.Message.Length <= 2000 ? result.Outcome.Message : result.Outcome.Message[..1997] + "…";
            (row.Value, row.Previous) = (result.Value, result.Previous);
            (row.WarningMin, row.WarningMax, row.ErrorMin, row.ErrorMax) = result.Bounds;
            row.ReferenceDate = request.ReferenceDate;
            row.CheckedAt = now;
            row.ScenarioRunId = request.ScenarioRunId;
            outcomes.Add(new CheckOutcome(check.Name, row.Status, row.Value, row.Message));
        }

        await db.SaveChangesAsync(ct);
        return outcomes;
    }

    private sealed record Evaluated(RuleOutcome Outcome, double? Value, double? Previous, (double?, double?, double?, double?) Bounds);

    private async Task<Evaluated> EvaluateAsync(CockpitDbContext db, Score? score, CheckDefinition check, RunChecks request, CancellationToken ct)
    {
        var bounds = (check.WarningMin, check.WarningMax, check.ErrorMin, check.ErrorMax);
        var percents = ((double?)null, check.WarningChangePercent, (double?)null, check.ErrorChangePercent);
        try
        {
            switch (check.Kind)
            {
                case CheckKind.Bounds:
                    {
                        var current = await MeasurementAsync(db, score, check, request.ReferenceDate, ct);
                        return current is null
                            ? new(NotMeasured(check, request.ReferenceDate), null, null, bounds)
                            : new(CheckRules.Bounds(check.Metric!, current.Value, check.WarningMin, check.WarningMax, check.ErrorMin, check.ErrorMax),
                                current.Value, null, bounds);
                    }

                case CheckKind.Change:
                    {
                        var current = await MeasurementAsync(db, score, check, request.ReferenceDate, ct);
                        if (current is null)
                        {
                            return new(NotMeasured(check, request.ReferenceDate), null, null, percents);
                        }

                        var previous = await db.QualityMeasurements.AsNoTracking()
                            .Where(m => m.ScoreId == current.ScoreId && m.MetricName == check.Metric && m.ReferenceDate < request.ReferenceDate)
                            .OrderByDescending(m => m.ReferenceDate).FirstOrDefaultAsync(ct);
                        var against = previous is null ? "the previous reference date" : $"the previous reference date {previous.ReferenceDate:yyyy-MM-dd}";
                        return new(CheckRules.Change(check.Metric!, current.Value, previous?.Value, against, check.WarningChangePercent, check.ErrorChangePercent),
                            current.Value, previous?.Value, percents);
                    }

                case CheckKind.CompareRowCounts:
                    return await CompareRowCountsAsync(db, score, check, request, percents, ct);

                case CheckKind.UsualRange:
                    {
                        var current = await MeasurementAsync(db, score, check, request.ReferenceDate, ct);
                        if (current is null)
                        {
                            return new(NotMeasured(check, request.ReferenceDate), null, null, percents);
                        }

                        var history = check.History ?? CheckRules.DefaultHistory;
                        var previous = await db.QualityMeasurements.AsNoTracking()
                            .Where(m => m.ScoreId == current.ScoreId && m.MetricName == check.Metric && m.ReferenceDate < request.ReferenceDate && m.Value != null)
                            .OrderByDescending(m => m.ReferenceDate).Take(history).Select(m => m.Value!.Value).ToListAsync(ct);
                        var usual = CheckRules.Median(previous);
                        var against = $"the median of the last {previous.Count} reference dates";
                        return new(CheckRules.UsualRange(check.Metric!, current.Value, usual, previous.Count, against, check.WarningChangePercent, check.ErrorChangePercent),
                            current.Value, usual, percents);
                    }

                default:
                    return await ScorePsiAsync(db, score, check, request.ReferenceDate, ct);
            }
        }
        catch (Exception e) when (e is CockpitValidationException or Warehouse.WarehouseException)
        {
            return new(new RuleOutcome(CheckStatus.Error, $"{check.Name} could not run: {e.Message}"), null, null, bounds);
        }
    }

    private static Task<QualityMeasurement?> MeasurementAsync(CockpitDbContext db, Score? score, CheckDefinition check, DateOnly date, CancellationToken ct)
    {
        var scoreId = score?.Id;
        return db.QualityMeasurements.AsNoTracking()
            .FirstOrDefaultAsync(m => m.ScoreId == scoreId && m.MetricName == check.Metric && m.ReferenceDate == date, ct);
    }

    private static RuleOutcome NotMeasured(CheckDefinition check, DateOnly date) => new(CheckStatus.Error,
        $"{check.Metric} was not measured for {date:yyyy-MM-dd}: run the compute-metrics step that defines it before this check.");

    private async Task<Evaluated> CompareRowCountsAsync(
        CockpitDbContext db, Score? score, CheckDefinition check, RunChecks request, (double?, double?, double?, double?) percents, CancellationToken ct)
    {
        if (check.Dataset is null || check.OtherDataset is null)
        {
            throw new CockpitValidationException("a compare-row-counts check needs both \"dataset\" and \"otherDataset\".");
        }

        var a = await Datasets.ResolveAsync(db, score, check.Dataset, request.ReferenceDate, request.Variables, ct);
        var b = await Datasets.ResolveAsync(db, score, check.OtherDataset, request.ReferenceDate, request.Variables, ct);
        var rowsA = await RowsAsync(a, request.Variables, ct);
        var rowsB = await RowsAsync(b, request.Variables, ct);
        var outcome = CheckRules.Change($"rows of {a.Display}", rowsA, rowsB, b.Display, check.WarningChangePercent, check.ErrorChangePercent);
        return new(outcome, rowsA, rowsB, percents);
    }

    private async Task<double> RowsAsync(ResolvedDataset dataset, IReadOnlyDictionary<string, Variable> variables, CancellationToken ct)
    {
        await using var session = await connections.OpenAsync(dataset.Connection, ct);
        await Datasets.ColumnsAsync(session, dataset, ct);
        var count = await session.ScalarAsync(Datasets.Select(dataset, ["COUNT(*)"], variables, session.Dialect), ct);
        return Convert.ToDouble(count, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<Evaluated> ScorePsiAsync(CockpitDbContext db, Score? score, CheckDefinition check, DateOnly date, CancellationToken ct)
    {
        if (score is null)
        {
            throw new CockpitValidationException("a score-psi check belongs to a score: give the score's name.");
        }

        var run = await db.ScoringRuns.AsNoTracking()
            .Where(r => r.ScoreId == score.Id && r.Status == ScoringStatus.Succeeded && r.ReferenceDate <= date)
            .OrderByDescending(r => r.ReferenceDate).ThenByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        var custom = check.WarningMin ?? check.WarningMax ?? check.ErrorMin ?? check.ErrorMax;
        var drift = ScoreRecords.Definition(score).Drift;
        var bounds = custom is null ? ((double?)null, (double?)drift.Warning, (double?)null, (double?)drift.Alert)
            : (check.WarningMin, check.WarningMax, check.ErrorMin, check.ErrorMax);
        if (run is null)
        {
            return new(new RuleOutcome(CheckStatus.Error, $"{score.Name} has no successful scoring run up to {date:yyyy-MM-dd}: run the score step first."),
                null, null, bounds);
        }

        if (run.ScorePsi is not { } psi)
        {
            return new(new RuleOutcome(CheckStatus.Ok, $"The scoring run of {run.ReferenceDate:yyyy-MM-dd} is the first: no previous distribution to compare with."),
                null, null, bounds);
        }

        if (custom is not null)
        {
            return new(CheckRules.Bounds("score PSI", psi, check.WarningMin, check.WarningMax, check.ErrorMin, check.ErrorMax), psi, null, bounds);
        }

        // The score's own drift levels, where reaching a threshold counts (as on the Scoring tab).
        var status = psi >= drift.Alert ? CheckStatus.Error : psi >= drift.Warning ? CheckStatus.Warning : CheckStatus.Ok;
        var text = status switch
        {
            CheckStatus.Error => $"reaches the alert level {CheckRules.Number(drift.Alert)}",
            CheckStatus.Warning => $"reaches the warning level {CheckRules.Number(drift.Warning)}",
            _ => $"is below the warning level {CheckRules.Number(drift.Warning)}",
        };
        return new(new RuleOutcome(status, $"score PSI {psi:0.000} of the run of {run.ReferenceDate:yyyy-MM-dd} {text}."), psi, null, bounds);
    }
}
