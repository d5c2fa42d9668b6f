using System.Text;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

/// <summary>A version's page reads its JSON columns back, whatever shape older builds wrote them in.</summary>
public sealed class GetVersionTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Details_come_back_parsed_with_the_active_and_previously_active_marks(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var scoreId = (await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Ana, Ct)).Id;
        await RegisterAsync(store, Plain(scoreId, new DateOnly(2025, 1, 31)), "a");
        await RegisterAsync(store, new ModelVersion
        {
            ScoreId = scoreId,
            AsOfDate = new DateOnly(2025, 2, 28),
            Algorithm = "LightGbm",
            ArtifactSha256 = "",
            TrainedBy = "",
            HyperparametersJson = """{"trees": 200, "learningRate": 0.05}""",
            TrainingDatesJson = """["2024-10-31", "2024-11-30"]""",
            ValidationDate = new DateOnly(2024, 12, 31),
            InputSchemaJson = """{"minutes": "Numeric", "plan": "Categorical", "has_app": "Boolean"}""",
            FeaturesJson = """["minutes", "plan", "has_app"]""",
            DroppedFeaturesJson = """["phone (identifier: not used by models)", "last_call (date: not used by models)"]""",
            FeatureImportanceJson = """[{"column": "plan", "share": 0.25}, {"column": "minutes", "share": 0.7}, {"column": "has_app", "share": 0.05}]""",
            SchemaDiffJson = """{"added": ["has_app"], "removed": ["sms_count"], "changed": [{"column": "plan", "before": "Numeric", "after": "Categorical"}]}""",
            ValidationAuc = 0.8123,
            ValidationLift10 = 3.456,
            TrainingRows = 4_000,
            DurationMs = 1_234,
        }, "b");
        var activate = store.Get<ActivateVersionHandler>();
        await activate.HandleAsync(new ActivateVersion("churn", 2, "first"), Ana, Ct);
        store.Time.Advance(TimeSpan.FromDays(1));
        await activate.HandleAsync(new ActivateVersion("churn", 1, "rollback"), Ana, Ct);

        var details = await store.Get<GetVersionHandler>().HandleAsync(new GetVersion("churn", 2), Ct);

        Assert.Equal(("churn", 2, "LightGbm"), (details.Score, details.Number, details.Algorithm));
        Assert.Equal([new DateOnly(2024, 10, 31), new DateOnly(2024, 11, 30)], details.TrainingDates);
        Assert.Equal(new DateOnly(2024, 12, 31), details.ValidationDate);
        Assert.Equal(["minutes:Numeric", "plan:Categorical", "has_app:Boolean"], details.InputSchema.Select(f => $"{f.Name}:{f.Kind}"));
        Assert.Equal(["minutes", "plan", "has_app"], details.Features);
        Assert.Equal([("phone", "identifier: not used by models"), ("last_call", "date: not used by models")],
            details.DroppedFeatures.Select(d => (d.Column, d.Reason)));
        Assert.Equal(["minutes", "plan", "has_app"], details.Importance.Select(i => i.Column));
        Assert.Equal([("learningRate", "0.05"), ("trees", "200")], details.Hyperparameters.Select(h => (h.Name, h.Value)));
        Assert.Equal(["has_app"], details.SchemaDiff.Added);
        Assert.Equal(["sms_count"], details.SchemaDiff.Removed);
        Assert.Equal([("plan", ColumnKind.Numeric, ColumnKind.Categorical)], details.SchemaDiff.TypeChanged);
        Assert.Equal(1, details.PreviousNumber);
        Assert.Equal((0.8123, 3.456, 4_000L, 1_234L), (details.ValidationAuc, details.ValidationLift10, details.TrainingRows, details.DurationMs));
        Assert.Equal((64, 1L), (details.ArtifactSha256.Length, details.ArtifactBytes));
        Assert.Null(details.PurgedAt);
        Assert.Equal((false, true), (details.Active, details.WasActive));

        var first = await store.Get<GetVersionHandler>().HandleAsync(new GetVersion("churn", 1), Ct);
        Assert.Equal((true, false, (int?)null), (first.Active, first.WasActive, first.PreviousNumber));
        Assert.True(first.SchemaDiff.IsEmpty);
        Assert.Empty(first.Importance);
    }

    [Fact]
    public async Task An_unknown_version_is_refused_by_name()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Ana, Ct);

        var e = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<GetVersionHandler>().HandleAsync(new GetVersion("churn", 9), Ct));

        Assert.Equal("churn has no version 9.", e.Message);
    }

    [Fact]
    public void Dropped_features_are_read_as_strings_and_as_objects()
    {
        var old = VersionJson.Dropped("""["phone (identifier: not used by models)", "plan (categorical: no level holds 1% of the rows)", "odd"]""");
        var now = VersionJson.Dropped("""[{"column": "phone", "reason": "identifier: not used by models"}, {"Column": "x", "Reason": "constant"}]""");

        Assert.Equal([("phone", "identifier: not used by models"), ("plan", "categorical: no level holds 1% of the rows"), ("odd", "")],
            old.Select(d => (d.Column, d.Reason)));
        Assert.Equal([("phone", "identifier: not used by models"), ("x", "constant")], now.Select(d => (d.Column, d.Reason)));
        Assert.Empty(VersionJson.Dropped(""));
    }

    [Fact]
    public void Enum_kinds_written_as_numbers_are_read_too()
    {
        Assert.Equal(ColumnKind.Categorical, Assert.Single(VersionJson.Schema("""{"plan": 1}""")).Kind);
        Assert.Equal((ColumnKind.Numeric, ColumnKind.Boolean),
            VersionJson.Diff("""{"changed": [{"column": "a", "before": 0, "after": "boolean"}]}""").TypeChanged.Select(t => (t.Before, t.After)).Single());
    }

    private static ModelVersion Plain(int scoreId, DateOnly asOf) =>
        new() { ScoreId = scoreId, AsOfDate = asOf, Algorithm = "FastTree", ArtifactSha256 = "", TrainedBy = "" };

    private static Task<ModelVersion> RegisterAsync(TestStore store, ModelVersion version, string artifact) =>
        store.Get<RegisterVersionHandler>().HandleAsync(version, Encoding.UTF8.GetBytes(artifact), "system", Ct);
}
