using System.Diagnostics;
using System.Text.Json;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>A version's scores on a snapshot, row for row, with the warnings of scoring it.</summary>
internal sealed record SnapshotScores(double[] Scores, bool Probabilities, IReadOnlyList<string> Warnings);

/// <summary>
/// One (version, date) evaluation: score the in-memory snapshot, compute the metric set with its intervals.
/// Old versions on new data: a missing column is scored as missing with a warning; a changed type fails this
/// evaluation only, with its reason.
/// </summary>
internal static class EvaluationUnit
{
    /// <summary>Bootstrap resamples for the lift interval: enough for a stable 95 % interval, cheap next to scoring.</summary>
    public const int LiftResamples = 100;

    /// <summary>The intervals' level and the bootstrap's seed: the public defaults of <see cref="DeLong"/> and <see cref="LiftConfidence"/>.</summary>
    private const double Level = 0.95;

    private const int Seed = 42;

    /// <param name="model">The version's compiled plan, asked for inside the unit: a plan that cannot be used fails this evaluation only.</param>
    public static async Task<VersionEvaluation> RunAsync(Func<Task<CompiledModel>> model, ModelVersion version, LabelledSnapshot snapshot,
        ScoreDefinition definition, DateTime now)
    {
        var clock = Stopwatch.StartNew();
        var evaluation = Begin(version, snapshot, definition, now);
        var cutoffs = definition.LiftCutoffs;
        try
        {
            var scored = Score(await model(), snapshot);
            Fill(evaluation, scored.Scores, snapshot.Labels, cutoffs, scored.Probabilities);
            evaluation.WarningsJson = JsonSerializer.Serialize(scored.Warnings, Json);
        }
        catch (Exception e) when (e is ModelInputException or ScoringPlanException)
        {
            evaluation.Failure = e.Message;
        }

        evaluation.DurationMs = clock.ElapsedMilliseconds;
        return evaluation;
    }

    /// <summary>The evaluation before scoring: its kind, and the rows and positives of the labels, whatever scoring then does.</summary>
    internal static VersionEvaluation Begin(ModelVersion version, LabelledSnapshot snapshot, ScoreDefinition definition, DateTime now)
    {
        var kind = EvaluationKinds.Of(VersionJson.Dates(version.TrainingDatesJson), version.ValidationDate, snapshot.Date);
        var evaluation = new VersionEvaluation
        {
            ScoreId = version.ScoreId,
            VersionId = version.Id,
            EvaluationDate = snapshot.Date,
            Kind = kind,
            InSample = kind == EvaluationKind.InSample,
            // Counted before scoring, so a failed evaluation is flagged as a re-flag after a rule change would flag it.
            Rows = snapshot.Labels.Length,
            Positives = snapshot.Labels.Count(l => l),
            ComputedAt = now,
        };
        evaluation.Thin = definition.ThinDates.IsThin(evaluation.Rows, evaluation.Positives);
        return evaluation;
    }

    /// <summary>
    /// One score per snapshot row, in the snapshot's row order: the probability when the model gives one. Shared
    /// with comparisons so an AUC computed on demand is the stored one, to the last bit. Throws
    /// <see cref="ModelInputException"/> when a column's type changed.
    /// </summary>
    public static SnapshotScores Score(CompiledModel model, LabelledSnapshot snapshot)
    {
        var scores = new double[snapshot.Labels.Length];
        var warnings = model.Score(snapshot.Rows, scores, $"the snapshot {snapshot.TableName}");
        return new SnapshotScores(scores, model.GivesProbabilities, warnings);
    }

    private static void Fill(VersionEvaluation evaluation, double[] scores, bool[] labels, IReadOnlyList<decimal> cutoffs, bool probabilities)
    {
        // One validation and one sort serve the metric set, the AUC interval and the lift bootstrap.
        Metrics.Validate(scores, labels, cutoffs);
        var ranked = RankedRows.Of(scores, labels);
        Fill(evaluation, Metrics.Compute(ranked.Groups, scores, labels, cutoffs), ranked, cutoffs, probabilities);
    }

    /// <summary>
    /// Stores <paramref name="metrics"/> with the AUC and lift intervals of <paramref name="ranked"/>, the validated rows
    /// they were computed on: the metric set may come from here or from the warehouse, the rest is stored alike.
    /// </summary>
    internal static void Fill(VersionEvaluation evaluation, MetricSet metrics, RankedRows ranked, IReadOnlyList<decimal> cutoffs, bool probabilities)
    {
        var auc = DeLong.Interval(ranked.Groups, NormalDistribution.Critical(Level));
        var lifts = LiftConfidence.Intervals(ranked, cutoffs, Level, LiftResamples, Seed);
        var lift = lifts.Count > 0 ? lifts[0] : null;
        evaluation.Rows = metrics.Rows;
        evaluation.Positives = metrics.Positives;
        evaluation.BaseRate = metrics.BaseRate;
        evaluation.Auc = metrics.Auc;
        (evaluation.AucLower, evaluation.AucUpper) = (auc?.Lower, auc?.Upper);
        evaluation.Gini = metrics.Gini;
        evaluation.Ks = metrics.Ks;
        (evaluation.FirstLiftLower, evaluation.FirstLiftUpper) = (lift?.Lower, lift?.Upper);
        evaluation.CutoffsJson = JsonSerializer.Serialize(
            metrics.Cutoffs.Select((c, i) => c with { LiftLower = lifts[i]?.Lower, LiftUpper = lifts[i]?.Upper }), Json);
        evaluation.DecilesJson = JsonSerializer.Serialize(metrics.Deciles, Json);
        evaluation.UndefinedReason = metrics.UndefinedReason;
        if (probabilities)
        {
            (evaluation.Brier, evaluation.LogLoss) = (metrics.Brier, metrics.LogLoss);
        }
        else
        {
            // A raw ranking score is no probability: Brier and log-loss of it would mean nothing.
            evaluation.UndefinedReason = string.Join("; ",
                new[] { metrics.UndefinedReason, "Brier and log-loss: the model gives scores, not probabilities" }.OfType<string>());
        }
    }

    private static readonly JsonSerializerOptions Json = ScoreDefinitionJson.Options;
}
