using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Evaluation.Comparison;
using ScoreCockpit.Engine.Registry;

namespace ScoreCockpit.Web.Tests.Performance;

/// <summary>Small hand-made inputs for the performance views: versions, stored evaluations and a comparison.</summary>
internal static class PerformanceSamples
{
    public static readonly DateOnly Date = new(2026, 1, 31);

    public static VersionSummary Version(int number, bool active = false, string? challenger = null, string schemaDiff = "", DateOnly? asOf = null) =>
        new(number, asOf ?? new DateOnly(2025, number, 1), "LightGbm", challenger, 12, 0.75, 2.5, schemaDiff, active, false,
            new DateTime(2025, ((number - 1) % 12) + 1, 1, 8, 0, 0, DateTimeKind.Utc), "ana@example.com");

    public static EvaluationView Evaluation(int number, double auc, bool inSample = false, string? challenger = null) =>
        new(number, challenger, new DateOnly(2025, ((number - 1) % 12) + 1, 1), new VersionEvaluation
        {
            EvaluationDate = Date,
            InSample = inSample,
            Kind = inSample ? EvaluationKind.InSample : EvaluationKind.Forward,
            Rows = 1000,
            Positives = 50,
            BaseRate = 0.05,
            Auc = auc,
            AucLower = auc - 0.02,
            AucUpper = auc + 0.02,
            Gini = (2 * auc) - 1,
            Ks = 0.4,
            Brier = 0.04,
            CutoffsJson = """[{"percent":10,"lift":2.456,"capture":0.2456}]""",
        });

    public static VersionOnDate OnDate(int number, double auc, bool active = false, AucDifference? versus = null) =>
        new(number, null, active, EvaluationKind.Forward, auc, [new CutoffMetric(10, 2.5, 0.25)], versus,
            [new CurvePoint(0, 0), new CurvePoint(0.5, 0.8), new CurvePoint(1, 1)],
            [new CurvePoint(0.5, 1.6), new CurvePoint(1, 1)], [], null);

    public static PerformancePoint Point(int month, double value, bool inSample = false, EvaluationKind? kind = null, bool thin = false) =>
        new(new DateOnly(2025, month, 28), value, kind ?? (inSample ? EvaluationKind.InSample : EvaluationKind.Forward), thin, null);
}
