using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.ScoreDefinitions;

/// <summary>"New score from this one": the same dataprep under a new name, its own variables, never the source's output table.</summary>
public sealed class CloneScoreTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Bob = Actor.Of("bob@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_clone_copies_the_dataprep_under_a_new_name_with_new_variables_and_no_output_table(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(ImportExportTests.Full()), Ana, Ct);
        store.Time.Advance(TimeSpan.FromHours(1));
        VariableSetting[] south =
        [
            new("region", VariableType.Text, "south"), new("since", VariableType.Date, "2024-06-30"), new("min_amount", VariableType.Decimal, "0"),
        ];

        var clone = await store.Get<CloneScoreHandler>().HandleAsync(
            new CloneScore("cross-sell", "cross-sell-south", "The south region", south), Bob, Ct);

        Assert.Equal("cross-sell-south", clone.Name);
        var copy = (await store.Get<GetScoreHandler>().HandleAsync("cross-sell-south", Ct)).Definition;
        ImportExportTests.AssertSame(
            ImportExportTests.Full() with { Name = "cross-sell-south", Description = "The south region", Variables = south, OutputTable = "" },
            copy);
        Assert.Equal("scores_cross_sell_south", copy.EffectiveOutputTable);
        var source = await store.Get<GetScoreHandler>().HandleAsync("cross-sell", Ct);
        ImportExportTests.AssertSame(ImportExportTests.Full(), source.Definition);
        Assert.Equal("work.scores_xsell", source.Definition.EffectiveOutputTable);

        var details = await store.Get<GetScoreHandler>().HandleAsync("cross-sell-south", Ct);
        Assert.Equal(("bob@example.com", TestStore.Start.UtcDateTime.AddHours(1)), (details.CreatedBy, details.CreatedAt));
        await using var db = await store.OpenAsync();
        Assert.Equal([("ana@example.com", "cross-sell"), ("bob@example.com", "cross-sell-south")],
            (await db.AuditEntries.Where(a => a.Action == AuditActions.ScoreCreated).OrderBy(a => a.Id).ToListAsync(Ct))
                .Select(a => (a.Actor, a.Subject)));
    }

    [Fact]
    public async Task Without_new_variables_the_clone_keeps_the_sources_and_says_whose_copy_it_is()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(ImportExportTests.Full()), Ana, Ct);

        await store.Get<CloneScoreHandler>().HandleAsync(new CloneScore("cross-sell", "xsell-2"), Ana, Ct);

        var copy = (await store.Get<GetScoreHandler>().HandleAsync("xsell-2", Ct)).Definition;
        Assert.Equal(ImportExportTests.Full().Variables, copy.Variables);
        Assert.Equal("Copy of cross-sell. Who buys the second product", copy.Description);
        Assert.Equal("", copy.OutputTable);
        Assert.Equal("scores_xsell_2", copy.EffectiveOutputTable);
    }

    [Fact]
    public async Task A_clone_whose_variables_leave_the_dataprep_undefined_is_refused()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(ImportExportTests.Full()), Ana, Ct);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<CloneScoreHandler>().HandleAsync(
            new CloneScore("cross-sell", "xsell-2", Variables: [new VariableSetting("region", VariableType.Text, "east")]), Ana, Ct));

        Assert.StartsWith("The dataprep uses ${since}, ${min_amount}, not defined anywhere.", error.Message, StringComparison.Ordinal);
        await AssertScoresAsync(store, "cross-sell");
    }

    [Theory]
    [InlineData("cross-sell", "A score named 'cross-sell' already exists. Choose another name.")]
    [InlineData("Cross Sell 2", "The score name 'Cross Sell 2' is not allowed")]
    public async Task A_clone_needs_a_new_valid_name(string name, string expected)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(ImportExportTests.Full()), Ana, Ct);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<CloneScoreHandler>().HandleAsync(new CloneScore("cross-sell", name), Ana, Ct));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        await AssertScoresAsync(store, "cross-sell");
    }

    [Fact]
    public async Task Cloning_an_unknown_score_is_refused()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<CloneScoreHandler>().HandleAsync(new CloneScore("nope", "copy"), Ana, Ct));

        Assert.Equal("There is no score named 'nope'.", error.Message);
        await AssertScoresAsync(store);
    }

    private static async Task AssertScoresAsync(TestStore store, params string[] names)
    {
        await using var db = await store.OpenAsync();
        Assert.Equal(names, await db.Scores.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(Ct));
    }
}
