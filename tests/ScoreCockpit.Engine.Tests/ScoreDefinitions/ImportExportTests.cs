using System.Text.Json;
using System.Text.Json.Nodes;
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

/// <summary>A definition exported as JSON imports back as the same definition; a bad file is refused in plain words.</summary>
public sealed class ImportExportTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A definition where every member differs from its default.</summary>
    internal static ScoreDefinition Full(string name = "cross-sell") => new()
    {
        Name = name,
        Description = "Who buys the second product",
        Owners = ["ana@example.com", "bob@example.com"],
        Connection = "demo",
        DataprepSql = "SELECT customer_id, ${date_ref} AS ref_date, bought AS target\nFROM offers_${date_ref_yyyymm}\n" +
            "WHERE region = ${region} AND since >= ${since} AND amount > ${min_amount} -- until ${label_end}",
        KeyColumn = "customer_id",
        TargetColumn = "target",
        ReferenceDateColumn = "ref_date",
        HorizonMonths = 6,
        FeatureInclude = ["usage_*", "has_?"],
        FeatureExclude = ["usage_raw"],
        ColumnKinds = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical, ["opened"] = ColumnKind.Date },
        OutputTable = "work.scores_xsell",
        LiftCutoffs = [2.5m, 10m, 30m],
        AlertRecipients = ["ops@example.com"],
        Variables =
        [
            new VariableSetting("region", VariableType.Text, "north"),
            new VariableSetting("since", VariableType.Date, "2025-01-01"),
            new VariableSetting("min_amount", VariableType.Decimal, "10.5"),
        ],
    };

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_exported_definition_imports_into_another_store_unchanged(StoreProvider provider)
    {
        await using var source = await TestStore.CreateAsync(provider, postgres);
        await source.Get<CreateScoreHandler>().HandleAsync(new CreateScore(Full()), Ana, Ct);
        var json = await source.Get<GetScoreHandler>().ExportAsync("cross-sell", Ct);

        await using var target = await TestStore.CreateAsync(provider, postgres);
        var imported = await target.Get<ImportScoreHandler>().HandleAsync(new ImportScore(json, ReplaceExisting: false), Ana, Ct);

        AssertSame(Full(), imported);
        AssertSame(Full(), (await target.Get<GetScoreHandler>().HandleAsync("cross-sell", Ct)).Definition);
        Assert.Equal(json, await target.Get<GetScoreHandler>().ExportAsync("cross-sell", Ct));
        Assert.Contains("\"dataprepSql\":", json, StringComparison.Ordinal);
        Assert.Contains("\"zip\": \"Categorical\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"Decimal\"", json, StringComparison.Ordinal);
        await using var db = await target.OpenAsync();
        Assert.Equal(AuditActions.ScoreCreated, (await db.AuditEntries.SingleAsync(Ct)).Action);
    }

    [Fact]
    public void The_json_form_round_trips_every_member()
    {
        AssertSame(Full(), ScoreDefinitionJson.Read(ScoreDefinitionJson.Write(Full())));
        AssertSame(TestDefinitions.Sample("churn"), ScoreDefinitionJson.Read(ScoreDefinitionJson.Write(TestDefinitions.Sample("churn"))));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Importing_a_name_that_exists_is_refused_unless_replacing(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(Full()), Ana, Ct);
        var changed = ScoreDefinitionJson.Write(Full() with { HorizonMonths = 12, Description = "Changed in git" });
        var import = store.Get<ImportScoreHandler>();

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => import.HandleAsync(new ImportScore(changed, false, "--replace"), Ana, Ct));

        Assert.Equal("A score named 'cross-sell' already exists. To replace its definition use --replace, or rename the score in the file.", error.Message);
        AssertSame(Full(), (await store.Get<GetScoreHandler>().HandleAsync("cross-sell", Ct)).Definition);

        store.Time.Advance(TimeSpan.FromDays(1));
        var replaced = await import.HandleAsync(new ImportScore(changed, true), Actor.Of("bob@example.com", Roles.Analyst), Ct);

        Assert.Equal(12, replaced.HorizonMonths);
        var stored = await store.Get<GetScoreHandler>().HandleAsync("cross-sell", Ct);
        AssertSame(Full() with { HorizonMonths = 12, Description = "Changed in git" }, stored.Definition);
        Assert.Equal(("bob@example.com", TestStore.Start.UtcDateTime.AddDays(1), "ana@example.com", TestStore.Start.UtcDateTime),
            (stored.UpdatedBy, stored.UpdatedAt, stored.CreatedBy, stored.CreatedAt));
        await using var db = await store.OpenAsync();
        Assert.Equal([AuditActions.ScoreCreated, AuditActions.ScoreUpdated],
            await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
        Assert.Equal(1, await db.Scores.CountAsync(Ct));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "{ \"name\": \"churn\",\n  \"dataprepSql\": ", "The score definition file is not valid (line 2)" },
        { "not json at all", "The score definition file is not valid" },
        { "", "The score definition file is not valid" },
        { "null", "The score definition file is empty." },
        { Edit(o => o["colour"] = "red"), "colour" },
        { Edit(o => o["horizonMonths"] = "three"), "horizonMonths" },
        { Edit(o => o.Remove("keyColumn")), "keyColumn" },
        { Edit(o => o["owners"] = null), "owners" },
        { Edit(o => o["liftCutoffs"] = null), "liftCutoffs" },
        { Edit(o => o["variables"] = null), "variables" },
        { Edit(o => o["columnKinds"] = new JsonObject { ["zip"] = "Postcode" }), "columnKinds" },
        { Edit(o => o["thinDates"] = new JsonObject { ["minimumRows"] = -1 }), "thinDates.minimumRows must be 0 or more, not -1" },
        { Edit(o => o["thinDates"] = new JsonObject { ["minimumPositives"] = -3 }), "thinDates.minimumPositives must be 0 or more, not -3" },
        { Edit(o => o["thinDates"] = new JsonObject { ["minimumRow"] = 50 }), "minimumRow" },
        { Edit(o => o["decidedKinds"] = new JsonObject { ["zip"] = "Postcode" }), "decidedKinds" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_a_clear_message_and_nothing_stored(string json, string expected)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<ImportScoreHandler>().HandleAsync(new ImportScore(json, ReplaceExisting: true), Ana, Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        await using var db = await store.OpenAsync();
        Assert.Equal((0, 0), (await db.Scores.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct)));
    }

    [Fact]
    public void The_file_edited_into_bad_files_is_itself_valid()
    {
        var json = Edit(_ => { });

        Assert.Equal("churn", ScoreDefinitionJson.Read(json).Name);
        foreach (var member in new[] { "owners", "liftCutoffs", "variables", "columnKinds", "keyColumn", "horizonMonths" })
        {
            Assert.Contains($"\"{member}\":", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Exporting_an_unknown_score_is_refused()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<GetScoreHandler>().ExportAsync("nope", Ct));

        Assert.Equal("There is no score named 'nope'.", error.Message);
    }

    internal static void AssertSame(ScoreDefinition expected, ScoreDefinition actual)
    {
        Assert.Equal(
            (expected.Name, expected.Description, expected.Connection, expected.DataprepSql, expected.KeyColumn, expected.TargetColumn,
                expected.ReferenceDateColumn, expected.HorizonMonths, expected.OutputTable),
            (actual.Name, actual.Description, actual.Connection, actual.DataprepSql, actual.KeyColumn, actual.TargetColumn,
                actual.ReferenceDateColumn, actual.HorizonMonths, actual.OutputTable));
        Assert.Equal(expected.Owners, actual.Owners);
        Assert.Equal(expected.FeatureInclude, actual.FeatureInclude);
        Assert.Equal(expected.FeatureExclude, actual.FeatureExclude);
        Assert.Equal(expected.ColumnKinds.OrderBy(k => k.Key, StringComparer.Ordinal), actual.ColumnKinds.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(expected.LiftCutoffs, actual.LiftCutoffs);
        Assert.Equal(expected.AlertRecipients, actual.AlertRecipients);
        Assert.Equal(expected.Variables, actual.Variables);
    }

    /// <summary>The JSON of a valid definition, changed by <paramref name="edit"/>.</summary>
    private static string Edit(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(ScoreDefinitionJson.Write(TestDefinitions.Sample("churn")))!.AsObject();
        edit(json);
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
