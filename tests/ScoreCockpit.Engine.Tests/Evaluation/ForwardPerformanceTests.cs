using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>
/// The forward-performance table on a history built in the store: v1 and v2 of the score and a challenger, no activation
/// until June 2025, then v1, then v2 from mid-August. Every figure asserted is read back from the stored evaluations.
/// </summary>
public sealed class ForwardPerformanceTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    internal static readonly DateOnly BeforeAnyVersion = new(2024, 12, 31);
    internal static readonly DateOnly FirstMonth = new(2025, 2, 28);
    internal static readonly DateOnly AfterRetrain = new(2025, 5, 31);
    internal static readonly DateOnly WhileV1 = new(2025, 6, 30);
    internal static readonly DateOnly WhileV2 = new(2025, 8, 31);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Each_date_takes_the_production_version_of_its_day_and_its_forward_figures_only(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await BuildHistoryAsync(store);

        var table = await store.Get<ForwardPerformance>().HandleAsync("churn", Ct);
        var stored = await StoredAsync(store);

        Assert.Equal(10m, table.LiftPercent);
        Assert.Equal([BeforeAnyVersion, FirstMonth, AfterRetrain, WhileV1, WhileV2], table.Rows.Select(r => r.Date));
        Assert.Equal(
            [(null, null), (1, ChosenBy.AsOf), (2, ChosenBy.AsOf), (1, ChosenBy.Active), (2, ChosenBy.Active)],
            table.Rows.Select(r => (r.Version, r.ChosenBy)));

        var none = table.Rows[0];
        Assert.Equal("No version of the score had been trained by 2024-12-31.", none.Note);
        Assert.Equal("Aucune version du score n'avait été entraînée au 2024-12-31.", none.NoteIn(ScoreCockpit.Engine.Localization.SupportedCultures.French));
        Assert.Null(none.Auc);

        // Forward rows carry the production version's stored figures, to the last bit, and the lift interval stored for 10 %.
        foreach (var row in table.Rows.Where(r => r.Date is var d && (d == FirstMonth || d == WhileV1 || d == WhileV2)))
        {
            var own = stored[(row.Version!.Value, row.Date)];
            Assert.Equal(EvaluationKind.Forward, own.Kind);
            Assert.Null(row.Note);
            Assert.Equal((own.Auc, own.AucLower, own.AucUpper), (row.Auc, row.AucLower, row.AucUpper));
            Assert.Equal(MetricKeys.Value(own, "lift_10"), row.Lift);
            Assert.Equal((own.FirstLiftLower, own.FirstLiftUpper), (row.LiftLower, row.LiftUpper));
        }

        // v2 would have been in production on its validation date: a figure it was tuned on, so none is shown.
        var held = table.Rows.Single(r => r.Date == AfterRetrain);
        Assert.Equal(EvaluationKind.Validation, stored[(2, AfterRetrain)].Kind);
        Assert.Equal((null, null, null, null), (held.Auc, held.AucLower, held.Lift, held.Difference));
        Assert.Equal("v2 has no forward figure here: this date is its validation date, held out by the training.", held.Note);
        Assert.StartsWith("La v2 n'a pas de chiffre prospectif ici : cette date est sa date de validation",
            held.NoteIn(ScoreCockpit.Engine.Localization.SupportedCultures.French), StringComparison.Ordinal);

        foreach (var row in table.Rows)
        {
            var others = stored.Where(s => s.Key.Date == row.Date && s.Key.Version != row.Version).Select(s => (s.Key.Version, s.Value)).ToList();
            var forward = others.Where(o => o.Value.Kind == EvaluationKind.Forward).ToList();
            var best = (forward.Count > 0 ? forward : others).MaxBy(o => o.Value.Auc);
            Assert.Equal(best.Version, row.BestOtherVersion);
            Assert.Equal(best.Value.Auc, row.BestOtherAuc);
            Assert.Equal(best.Value.Kind, row.BestOtherKind);
            Assert.Equal(row.Auc is { } auc ? auc - best.Value.Auc : null, row.Difference);
            Assert.Equal(stored.Where(s => s.Key.Date == row.Date).Any(s => s.Value.Thin), row.Thin);
        }

        // On the first month only in-sample figures of the later versions exist: the best of them, said to be in-sample.
        Assert.Equal((3, "logistic", EvaluationKind.InSample), (table.Rows[1].BestOtherVersion, table.Rows[1].BestOtherChallenger, table.Rows[1].BestOtherKind));
        // While v1 ran, the challenger's higher in-sample AUC loses to v2's forward one.
        var whileV1 = table.Rows.Single(r => r.Date == WhileV1);
        Assert.True(stored[(3, WhileV1)].Auc > stored[(2, WhileV1)].Auc);
        Assert.Equal((2, EvaluationKind.Forward), (whileV1.BestOtherVersion, whileV1.BestOtherKind));
        Assert.True(whileV1.Thin);
        Assert.False(table.Rows.Single(r => r.Date == WhileV2).Thin);
    }

    [Fact]
    public void Before_any_activation_a_date_is_scored_by_the_version_trained_before_it_never_by_one_trained_that_day()
    {
        var day = new DateOnly(2025, 12, 31);
        VersionSummary Version(int number, DateOnly asOf, string? challenger = null) =>
            new(number, asOf, "LightGbm", challenger, 4, null, null, "", false, false, default, "");
        VersionSummary[] versions = [Version(1, new(2025, 10, 31)), Version(2, new(2025, 11, 30)), Version(3, new(2025, 12, 15), "forest"), Version(4, day)];

        Assert.Equal((2, ChosenBy.AsOf), ForwardPerformanceRule.ProductionOn(day, [], versions));
        Assert.Equal((4, ChosenBy.AsOf), ForwardPerformanceRule.ProductionOn(day.AddDays(1), [], versions));
        Assert.Null(ForwardPerformanceRule.ProductionOn(new DateOnly(2025, 10, 31), [], versions));
    }

    [Fact]
    public void The_day_of_an_activation_is_the_new_version_s_and_the_lift_cut_off_is_10_percent_or_the_next_one_up()
    {
        var day = new DateOnly(2025, 8, 15);
        ActivationRecord[] history =
        [
            new(2, day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), "ana", "next day"),
            new(1, day.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc), "ana", "late that day"),
        ];

        Assert.Equal(1, ForwardPerformanceRule.ActiveOn(day, history));
        Assert.Equal(2, ForwardPerformanceRule.ActiveOn(day.AddDays(1), history));
        Assert.Null(ForwardPerformanceRule.ActiveOn(day.AddDays(-1), history));
        Assert.Equal(10m, ForwardPerformanceRule.LiftPercent([1m, 5m, 10m, 20m]));
        Assert.Equal(20m, ForwardPerformanceRule.LiftPercent([1m, 5m, 20m, 30m]));
        Assert.Equal(5m, ForwardPerformanceRule.LiftPercent([1m, 5m]));
    }

    /// <summary>
    /// The score "churn" (cut-offs 10 and 20 %, so the stored lift interval is the 10 % one) with v1 (as of 2025-01-31),
    /// v2 (as of 2025-04-30) and the challenger v3 "logistic" (same date); activations v1 on 2025-06-10 and v2 on 2025-08-15.
    /// </summary>
    internal static async Task BuildHistoryAsync(TestStore store)
    {
        var definition = TestDefinitions.Sample("churn") with { LiftCutoffs = [10m, 20m] };
        var scoreId = (await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(definition), Ana, Ct)).Id;
        var register = store.Get<RegisterVersionHandler>();
        var ids = new List<long>();
        foreach (var (asOf, challenger) in new[] { (new DateOnly(2025, 1, 31), (string?)null), (new DateOnly(2025, 4, 30), null), (new DateOnly(2025, 4, 30), "logistic") })
        {
            var version = await register.HandleAsync(new ModelVersion
            {
                ScoreId = scoreId,
                AsOfDate = asOf,
                ChallengerName = challenger,
                Algorithm = "FastTree",
                ArtifactSha256 = "",
                TrainedBy = "",
            }, Encoding.UTF8.GetBytes($"model {ids.Count + 1}"), "system", Ct);
            ids.Add(version.Id);
        }

        var activate = store.Get<ActivateVersionHandler>();
        await activate.HandleAsync(new ActivateVersion("churn", 1, "first in production", new DateTime(2025, 6, 10, 9, 0, 0, DateTimeKind.Utc)), Ana, Ct);
        await activate.HandleAsync(new ActivateVersion("churn", 2, "better lift", new DateTime(2025, 8, 15, 9, 0, 0, DateTimeKind.Utc)), Ana, Ct);

        const EvaluationKind F = EvaluationKind.Forward, I = EvaluationKind.InSample, B = EvaluationKind.BackTest, V = EvaluationKind.Validation;
        (int Version, DateOnly Date, EvaluationKind Kind, double Auc)[] evaluations =
        [
            (1, BeforeAnyVersion, I, 0.8412345678901234), (2, BeforeAnyVersion, B, 0.7398765432109876),
            (1, FirstMonth, F, 0.7123456789012345), (2, FirstMonth, I, 0.8876543210987654), (3, FirstMonth, I, 0.9011111111111111),
            (1, AfterRetrain, F, 0.6987654321098765), (2, AfterRetrain, V, 0.7534567890123456), (3, AfterRetrain, F, 0.7212121212121212),
            (1, WhileV1, F, 0.7045678901234567), (2, WhileV1, F, 0.7298765432109876), (3, WhileV1, I, 0.9333333333333333),
            (1, WhileV2, F, 0.6912345678901234), (2, WhileV2, F, 0.7467890123456789), (3, WhileV2, F, 0.7589012345678901),
        ];
        await using var db = await store.OpenAsync();
        foreach (var (version, date, kind, auc) in evaluations)
        {
            var thin = date == WhileV1;
            db.Evaluations.Add(new VersionEvaluation
            {
                ScoreId = scoreId,
                VersionId = ids[version - 1],
                EvaluationDate = date,
                Kind = kind,
                InSample = kind == I,
                Thin = thin,
                Rows = thin ? 40 : 1000,
                Positives = thin ? 4 : 100,
                BaseRate = 0.1,
                Auc = auc,
                AucLower = auc - 0.0312345678901234,
                AucUpper = auc + 0.0287654321098765,
                FirstLiftLower = 2 * auc,
                FirstLiftUpper = 3.5 * auc,
                CutoffsJson = JsonSerializer.Serialize(new[] { new CutoffMetric(10m, 4 * auc - 0.3, 0.3 * auc), new CutoffMetric(20m, 2.2 * auc, 0.45 * auc) },
                    ScoreDefinitionJson.Options),
            });
        }

        await db.SaveChangesAsync(Ct);
    }

    private static async Task<Dictionary<(int Version, DateOnly Date), VersionEvaluation>> StoredAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        var rows = await db.Evaluations.AsNoTracking().Join(db.ModelVersions, e => e.VersionId, v => v.Id, (e, v) => new { v.Number, e }).ToListAsync(Ct);
        return rows.ToDictionary(r => (r.Number, r.e.EvaluationDate), r => r.e);
    }
}
