using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Evaluation.InWarehouse;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation.InWarehouse;

/// <summary>
/// Every demo version and challenger evaluated in the warehouse and in-process on its score's latest evaluation
/// date (one date keeps the suite fast; the chain covers every date): the same evaluation, metrics and intervals to 1e-9. Run inside the demo plan test, which has the demo
/// installed already (installing it costs more than this check).
/// </summary>
public static class DemoInWarehouseEvaluations
{
    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Returns the (version, date) pairs compared in full; a plan PlanSql cannot write must fail with its refusal.</summary>
    public static async Task<int> AssertEqualAsync(WarehouseSession session, TestStore store, CockpitDbContext db, IReadOnlyList<ModelVersion> versions)
    {
        var plans = store.Get<ScoringPlans>();
        var (compared, refused, largest) = (0, 0, 0.0);
        var (inProcess, inWarehouse) = (Stopwatch.StartNew(), new Stopwatch());
        inProcess.Reset();
        foreach (var group in versions.GroupBy(v => v.ScoreId))
        {
            var score = await db.Scores.AsNoTracking().SingleAsync(s => s.Id == group.Key, Ct);
            var definition = ScoreRecords.Definition(score);
            var dates = await db.Evaluations.AsNoTracking().Where(e => e.ScoreId == score.Id).Select(e => e.EvaluationDate).Distinct()
                .OrderByDescending(d => d).Take(1).ToListAsync(Ct);
            Assert.Single(dates);
            foreach (var date in dates)
            {
                var table = (await db.Snapshots.AsNoTracking().SingleAsync(s => s.ScoreId == score.Id && s.ReferenceDate == date, Ct)).TableName;
                var snapshot = await LabelledSnapshot.LoadAsync(session, date, table, definition.TargetColumn, definition.KeyColumn,
                    LabelledSnapshot.Uses(group), Ct);
                var labels = await InWarehouseEvaluation.LabelsAsync(session, date, table, definition, Ct);
                Assert.Equal(snapshot.Labels, labels.Labels);
                foreach (var version in group)
                {
                    Task<CompiledModel> Model() => plans.GetAsync(version, score.Name, Ct);
                    inProcess.Start();
                    var expected = await EvaluationUnit.RunAsync(Model, version, snapshot, definition, Now);
                    inProcess.Stop();
                    inWarehouse.Start();
                    var actual = await InWarehouseEvaluation.RunAsync(Model, version, labels, session, definition, Now, Ct);
                    inWarehouse.Stop();
                    var what = $"{score.Name} v{version.Number} on {date:yyyy-MM-dd}";
                    if (Refusal((await Model()).Plan, session.Dialect, table, definition.KeyColumn) is { } refusal)
                    {
                        Assert.Equal(refusal, actual.Failure);
                        refused++;
                        continue;
                    }

                    largest = Math.Max(largest, AssertSame(expected, actual, what));
                    compared++;
                }
            }
        }

        Assert.Equal(versions.Count, compared + refused);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"In-warehouse evaluations on {session.Dialect.Kind}: {compared} compared, {refused} refused by PlanSql, largest difference " +
            $"{largest.ToString("R", CultureInfo.InvariantCulture)}; in-process {inProcess.ElapsedMilliseconds} ms, in-warehouse {inWarehouse.ElapsedMilliseconds} ms");
        return compared;
    }

    /// <summary>Everything a stored evaluation holds, figures to 1e-9; returns the largest difference.</summary>
    public static double AssertSame(VersionEvaluation expected, VersionEvaluation actual, string what)
    {
        Assert.Null(expected.Failure);
        Assert.True(actual.Failure is null, $"{what}: {actual.Failure}");
        Assert.Equal((expected.ScoreId, expected.VersionId, expected.EvaluationDate, expected.Kind, expected.InSample, expected.Thin),
            (actual.ScoreId, actual.VersionId, actual.EvaluationDate, actual.Kind, actual.InSample, actual.Thin));
        Assert.Equal((expected.Rows, expected.Positives, expected.UndefinedReason, expected.WarningsJson),
            (actual.Rows, actual.Positives, actual.UndefinedReason, actual.WarningsJson));
        var largest = 0.0;
        foreach (var (name, metric) in Figures)
        {
            largest = Math.Max(largest, Close(metric(expected), metric(actual), $"{what} {name}"));
        }

        largest = Math.Max(largest, SameJson(expected.CutoffsJson, actual.CutoffsJson, $"{what} cut-offs"));
        return Math.Max(largest, SameJson(expected.DecilesJson, actual.DecilesJson, $"{what} deciles"));
    }

    private static readonly (string, Func<VersionEvaluation, double?>)[] Figures =
    [
        ("base rate", e => e.BaseRate), ("AUC", e => e.Auc), ("AUC lower", e => e.AucLower), ("AUC upper", e => e.AucUpper),
        ("Gini", e => e.Gini), ("KS", e => e.Ks), ("Brier", e => e.Brier), ("log-loss", e => e.LogLoss),
        ("first lift lower", e => e.FirstLiftLower), ("first lift upper", e => e.FirstLiftUpper),
    ];

    private static string? Refusal(ScoringPlan plan, ISqlDialect dialect, string table, string key)
    {
        try
        {
            PlanSql.Select(plan, dialect, table, key, []);
            return null;
        }
        catch (ScoringPlanException e)
        {
            return e.Message;
        }
    }

    private static double Close(double? expected, double? actual, string what)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: {expected} against {actual}");
        var difference = expected is { } e && actual is { } a ? Math.Abs(e - a) : 0;
        Assert.True(difference <= MetricSetComparison.Tolerance, $"{what}: {expected:R} against {actual:R}");
        return difference;
    }

    /// <summary>Two JSON texts of the same shape whose numbers agree to the tolerance.</summary>
    private static double SameJson(string expected, string actual, string what)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        return Same(e.RootElement, a.RootElement, what);
    }

    private static double Same(JsonElement e, JsonElement a, string what)
    {
        Assert.Equal(e.ValueKind, a.ValueKind);
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return Close(e.GetDouble(), a.GetDouble(), what);
            case JsonValueKind.Array:
                Assert.Equal(e.GetArrayLength(), a.GetArrayLength());
                return e.EnumerateArray().Zip(a.EnumerateArray()).Select((p, i) => Same(p.First, p.Second, $"{what}[{i}]")).DefaultIfEmpty().Max();
            case JsonValueKind.Object:
                Assert.Equal(e.EnumerateObject().Select(p => p.Name), a.EnumerateObject().Select(p => p.Name));
                return e.EnumerateObject().Select(p => Same(p.Value, a.GetProperty(p.Name), $"{what}.{p.Name}")).DefaultIfEmpty().Max();
            default:
                Assert.Equal(e.GetRawText(), a.GetRawText());
                return 0;
        }
    }
}
