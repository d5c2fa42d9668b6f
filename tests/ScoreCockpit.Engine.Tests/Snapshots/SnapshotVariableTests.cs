using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Snapshots;

/// <summary>Which value of a variable reaches the data: run over score over global; built-ins belong to the engine.</summary>
public sealed class SnapshotVariableTests(PostgresClusterFixture postgres)
{
    private const string Sql =
        "SELECT i AS customer_id, ${date_ref} AS date_ref, 0 AS churned, ${segment} AS segment, ${weight} AS weight,\n" +
        "       ${label_end} AS label_end, ${date_ref_yyyymm} AS yyyymm\n" +
        "FROM range(1, 6) AS t(i)";

    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly DateOnly January = new(2026, 1, 31);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<StoreProvider, string?, string?, string> Levels
    {
        get
        {
            var data = new TheoryData<StoreProvider, string?, string?, string>();
            foreach (var provider in new[] { StoreProvider.Sqlite, StoreProvider.Postgres })
            {
                data.Add(provider, null, null, "from-global");
                data.Add(provider, "from-score", null, "from-score");
                data.Add(provider, "from-score", "from-run", "from-run");
                data.Add(provider, null, "from-run", "from-run");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_run_variable_overrides_a_score_variable_which_overrides_a_global_one(
        StoreProvider provider, string? scoreValue, string? runValue, string expected)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var globals = store.Get<GlobalVariablesHandler>();
        await globals.SetAsync(new SetGlobalVariable("segment", VariableType.Text, "from-global"), Ana, Ct);
        await globals.SetAsync(new SetGlobalVariable("weight", VariableType.Integer, "7"), Ana, Ct);
        await CreateAsync(store, scoreValue is null ? [] : [new VariableSetting("segment", VariableType.Text, scoreValue)]);
        IReadOnlyList<Variable>? run = runValue is null ? null : [new Variable("segment", VariableType.Text, runValue)];

        await store.Get<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot("segments", January, run), Ana, Ct);

        var rows = await ChurnWarehouse.QueryAsync(store, "SELECT DISTINCT segment, weight, label_end, yyyymm FROM snap_segments_20260131");
        var row = Assert.Single(rows);
        Assert.Equal(expected, row[0]);
        Assert.Equal(7L, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
        Assert.Equal(new DateOnly(2026, 4, 30), BuildSnapshotTests.AsDate(row[2]));
        Assert.Equal(202601L, Convert.ToInt64(row[3], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_changed_global_value_reaches_the_next_build()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var globals = store.Get<GlobalVariablesHandler>();
        await globals.SetAsync(new SetGlobalVariable("segment", VariableType.Text, "before"), Ana, Ct);
        await globals.SetAsync(new SetGlobalVariable("weight", VariableType.Integer, "-3"), Ana, Ct);
        await CreateAsync(store, []);
        var build = store.Get<BuildSnapshotHandler>();
        await build.HandleAsync(new BuildSnapshot("segments", January), Ana, Ct);
        Assert.Equal(("before", -3L), await SegmentAndWeightAsync(store));

        await globals.SetAsync(new SetGlobalVariable("segment", VariableType.Text, "after"), Ana, Ct);
        await build.HandleAsync(new BuildSnapshot("segments", January), Ana, Ct);

        Assert.Equal(("after", -3L), await SegmentAndWeightAsync(store));
    }

    public static TheoryData<string, VariableType, string> BuiltInOverrides => new()
    {
        { BuiltInVariables.DateRef, VariableType.Date, "2026-02-28" },
        { BuiltInVariables.DateRefYearMonth, VariableType.Integer, "202612" },
        { BuiltInVariables.LabelEnd, VariableType.Date, "2026-12-31" },
    };

    [Theory]
    [MemberData(nameof(BuiltInOverrides))]
    public async Task A_run_variable_cannot_give_a_built_in_another_value(string name, VariableType type, string value)
    {
        await using var store = await SegmentsStoreAsync();

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<BuildSnapshotHandler>().HandleAsync(
            new BuildSnapshot("segments", January, [new Variable(name, type, value)]), Ana, Ct));

        Assert.Equal($"The variable {name} is set by the engine for each reference date; remove it from your variables.", error.Message);
        Assert.DoesNotContain("snap_segments_20260131", await ChurnWarehouse.TablesAsync(store));
    }

    [Fact]
    public async Task A_run_variable_equal_to_the_built_in_value_is_accepted()
    {
        await using var store = await SegmentsStoreAsync();

        var snapshot = await store.Get<BuildSnapshotHandler>().HandleAsync(
            new BuildSnapshot("segments", January, [Variable.Date(BuiltInVariables.DateRef, January)]), Ana, Ct);

        Assert.Equal(5, snapshot.Rows);
    }

    [Theory]
    [InlineData("date_ref", VariableType.Date, "2026-02-28")]
    [InlineData("label_end", VariableType.Date, "2026-12-31")]
    [InlineData("date_ref_yyyymm", VariableType.Integer, "202612")]
    public async Task A_score_variable_cannot_take_a_built_in_name(string name, VariableType type, string value)
    {
        // Accepted at save time, such a variable would make every build of the score fail; it is refused when saved,
        // as a global variable of that name is.
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => CreateAsync(store, [new VariableSetting("segment", VariableType.Text, "s"), new VariableSetting("weight", VariableType.Integer, "1"),
                new VariableSetting(name, type, value)]));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains("set by the engine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_run_variable_value_is_refused_naming_the_variable()
    {
        await using var store = await SegmentsStoreAsync();

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<BuildSnapshotHandler>().HandleAsync(
            new BuildSnapshot("segments", January, [new Variable("segment", VariableType.Text, "x'; DROP TABLE events; --")]), Ana, Ct));

        Assert.StartsWith("The variable segment = 'x'; DROP TABLE events; --' is not a valid text value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("snap_segments_20260131", await ChurnWarehouse.TablesAsync(store));
    }

    private static Task<Score> CreateAsync(TestStore store, IReadOnlyList<VariableSetting> variables) =>
        store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = "segments",
            DataprepSql = Sql,
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
            Variables = variables,
        }), Ana, Ct);

    private async Task<TestStore> SegmentsStoreAsync()
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await CreateAsync(store, [new VariableSetting("segment", VariableType.Text, "s"), new VariableSetting("weight", VariableType.Integer, "1")]);
        return store;
    }

    private static async Task<(string, long)> SegmentAndWeightAsync(TestStore store)
    {
        var row = Assert.Single(await ChurnWarehouse.QueryAsync(store, "SELECT DISTINCT segment, weight FROM snap_segments_20260131"));
        return ((string)row[0]!, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
    }
}
