using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.ScoreDefinitions;

/// <summary>A definition's problems are all named at once, before anything is stored.</summary>
public sealed class ScoreDefinitionValidatorTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Several_problems_are_reported_together_one_per_line()
    {
        var definition = TestDefinitions.Sample("churn") with
        {
            Name = "Churn Score",
            DataprepSql = "   ",
            LiftCutoffs = [0m, 5m, 5m, 150m],
            Owners = ["ana@example.com", "not an email"],
            AlertRecipients = ["ops@"],
            HorizonMonths = -1,
        };

        var error = Assert.Throws<CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition, []));

        var lines = error.Message.Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("The score name 'Churn Score' is not allowed", StringComparison.Ordinal));
        Assert.Contains("The dataprep SQL is empty: write the SELECT that returns one row per customer for ${date_ref}.", lines);
        Assert.Contains("The label horizon must be between 0 and 36 months (0: the end of the same month), not -1.", lines);
        Assert.Contains("Lift cut-offs must be distinct percentages above 0 and at most 100, for example 1, 5, 10, 20.", lines);
        Assert.Contains("'not an email' is not an email address.", lines);
        Assert.Contains("'ops@' is not an email address.", lines);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(-1)]
    public void A_horizon_outside_0_to_36_months_is_refused(int horizon)
    {
        var error = Assert.Throws<CockpitValidationException>(
            () => ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { HorizonMonths = horizon }, []));

        Assert.Equal($"The label horizon must be between 0 and 36 months (0: the end of the same month), not {horizon}.", error.Message);
    }

    public static TheoryData<decimal[]> BadCutoffs => new()
    {
        { [] },
        { [0m] },
        { [-1m, 5m] },
        { [10m, 10m] },
        { [100.5m] },
    };

    [Theory]
    [MemberData(nameof(BadCutoffs))]
    public void Bad_lift_cutoffs_are_refused(decimal[] cutoffs)
    {
        var error = Assert.Throws<CockpitValidationException>(
            () => ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { LiftCutoffs = cutoffs }, []));

        Assert.StartsWith("Lift cut-offs must be distinct percentages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cutoffs_of_a_fraction_and_of_100_percent_are_accepted()
    {
        var valid = ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { LiftCutoffs = [0.5m, 100m] }, []);

        Assert.Equal([0.5m, 100m], valid.LiftCutoffs);
    }

    public static TheoryData<ReductionSettings, string> BadReductions => new()
    {
        { new ReductionSettings { MaxMissingShare = 0 }, "Reduction: maxMissingShare must be above 0 and at most 1 (a share of the rows, 0.95 = 95 %), not 0." },
        { new ReductionSettings { MaxMissingShare = 1.2 }, "Reduction: maxMissingShare must be above 0 and at most 1 (a share of the rows, 0.95 = 95 %), not 1.2." },
        { new ReductionSettings { MaxMissingShare = double.NaN }, "Reduction: maxMissingShare must be above 0 and at most 1 (a share of the rows, 0.95 = 95 %), not NaN." },
        { new ReductionSettings { MaxCorrelation = -0.5 }, "Reduction: maxCorrelation must be above 0 and at most 1 (an absolute Pearson correlation), not -0.5." },
        { new ReductionSettings { MaxCorrelation = 1.01 }, "Reduction: maxCorrelation must be above 0 and at most 1 (an absolute Pearson correlation), not 1.01." },
        { new ReductionSettings { TopK = 0 }, "Reduction: topK must be at least 1 (or empty to keep every feature), not 0." },
    };

    [Theory]
    [MemberData(nameof(BadReductions))]
    public void Reduction_thresholds_outside_their_range_are_refused_naming_the_field(ReductionSettings reduction, string message)
    {
        var error = Assert.Throws<CockpitValidationException>(
            () => ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { Reduction = reduction }, []));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Reduction_thresholds_at_their_bounds_are_accepted()
    {
        var reduction = new ReductionSettings { MaxMissingShare = 1, MaxCorrelation = 1, TopK = 1 };

        var valid = ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { Reduction = reduction }, []);

        Assert.Equal(reduction, valid.Reduction);
    }

    [Fact]
    public void An_undefined_variable_is_named_as_written_in_the_sql()
    {
        var definition = TestDefinitions.Sample("churn") with
        {
            DataprepSql = "SELECT customer_id, ${date_ref} AS date_ref, churned FROM t_${x} WHERE region = ${region} AND y = ${y} AND z = ${x}",
            Variables = [new VariableSetting("region", VariableType.Text, "north")],
        };

        var error = Assert.Throws<CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition, ["z"]));

        Assert.StartsWith("The dataprep uses ${x}, ${y}, not defined anywhere.", error.Message, StringComparison.Ordinal);
        Assert.Contains("date_ref, date_ref_yyyymm, label_end", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("${region}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("${date_ref}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_variables_are_checked_by_name_and_by_value()
    {
        var definition = TestDefinitions.Sample("churn") with
        {
            Variables = [new VariableSetting("Bad Name", VariableType.Text, "x"), new VariableSetting("since", VariableType.Date, "2026-13-01")],
        };

        var error = Assert.Throws<CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition, []));

        var lines = error.Message.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("The variable name 'Bad Name' is not allowed", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("The variable since = '2026-13-01' is not a valid date", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key; DROP TABLE x", "key column")]
    [InlineData("1st", "key column")]
    public void Column_names_must_be_identifiers(string column, string what)
    {
        var error = Assert.Throws<CockpitValidationException>(
            () => ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { KeyColumn = column }, []));

        Assert.StartsWith($"The {what} '{column}' is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("usage-*")]
    [InlineData("a.b")]
    [InlineData("(.*)")]
    public void A_feature_rule_that_is_not_a_name_pattern_is_refused(string rule)
    {
        var error = Assert.Throws<CockpitValidationException>(
            () => ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { FeatureExclude = [rule] }, []));

        Assert.Equal($"The feature rule '{rule}' is not a column name pattern: use letters, digits, underscores, * and ?.", error.Message);
    }

    [Fact]
    public void A_valid_definition_comes_back_with_its_name_and_description_trimmed()
    {
        var valid = ScoreDefinitionValidator.Validate(TestDefinitions.Sample("  churn ", "  who leaves \n"), []);

        Assert.Equal(("churn", "who leaves"), (valid.Name, valid.Description));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_global_variable_counts_as_defined_and_nothing_is_stored_when_refused(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var definition = TestDefinitions.Sample("churn") with
        {
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned, ${region} AS region",
        };
        var create = store.Get<CreateScoreHandler>();

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => create.HandleAsync(new CreateScore(definition), Ana, Ct));
        Assert.StartsWith("The dataprep uses ${region}, not defined anywhere.", error.Message, StringComparison.Ordinal);
        await using (var db = await store.OpenAsync())
        {
            Assert.Equal((0, 0), (await db.Scores.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct)));
        }

        await store.Get<GlobalVariablesHandler>().SetAsync(new SetGlobalVariable("region", VariableType.Text, "north"), Ana, Ct);
        var created = await create.HandleAsync(new CreateScore(definition), Ana, Ct);

        Assert.Equal("churn", created.Name);
    }

    [Fact]
    public async Task A_viewer_cannot_create_update_import_or_clone_a_score()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Ana, Ct);
        var viewer = Actor.Of("vic@example.com", Roles.Viewer);
        var definition = TestDefinitions.Sample("other");

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(definition), viewer, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => store.Get<UpdateScoreHandler>().HandleAsync(new UpdateScore("churn", definition), viewer, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.Get<ImportScoreHandler>().HandleAsync(
            new ImportScore(ScoreDefinitionJson.Write(definition), true), viewer, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => store.Get<CloneScoreHandler>().HandleAsync(new CloneScore("churn", "other"), viewer, Ct));
        var preview = await Assert.ThrowsAsync<AccessDeniedException>(() => store.Get<PreviewScoreHandler>().HandleAsync(
            new PreviewScore(definition, new DateOnly(2026, 1, 31)), viewer, Ct));

        Assert.Equal("vic@example.com cannot try dataprep SQL: this needs the Analyst role. Ask an Admin to grant it.", preview.Message);
        await using var db = await store.OpenAsync();
        Assert.Equal(["churn"], await db.Scores.Select(s => s.Name).ToListAsync(Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(Ct));
    }
}
