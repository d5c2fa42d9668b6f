using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.GlobalVariables;

/// <summary>Global variables: typed, audited, set by Analysts, never a built-in name.</summary>
public sealed class GlobalVariablesTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Bob = Actor.Of("bob@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Setting_updating_and_deleting_are_each_audited(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var variables = store.Get<GlobalVariablesHandler>();

        await variables.SetAsync(new SetGlobalVariable("min_tenure", VariableType.Integer, " 6 "), Ana, Ct);
        await variables.SetAsync(new SetGlobalVariable("region", VariableType.Text, "north"), Ana, Ct);
        store.Time.Advance(TimeSpan.FromHours(2));
        await variables.SetAsync(new SetGlobalVariable("min_tenure", VariableType.Decimal, "6.5"), Bob, Ct);

        var listed = await variables.ListAsync(Ct);
        Assert.Equal(
            [
                ("min_tenure", VariableType.Decimal, "6.5", "bob@example.com", TestStore.Start.UtcDateTime.AddHours(2)),
                ("region", VariableType.Text, "north", "ana@example.com", TestStore.Start.UtcDateTime),
            ],
            listed.Select(v => (v.Name, v.Type, v.Value, v.UpdatedBy, v.UpdatedAt)));

        store.Time.Advance(TimeSpan.FromHours(1));
        await variables.DeleteAsync("region", Bob, Ct);

        Assert.Equal(["min_tenure"], (await variables.ListAsync(Ct)).Select(v => v.Name));
        await using var db = await store.OpenAsync();
        var audit = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(
            [
                (AuditActions.VariableChanged, "ana@example.com", "min_tenure", "(new) → Integer 6", TestStore.Start.UtcDateTime),
                (AuditActions.VariableChanged, "ana@example.com", "region", "(new) → Text north", TestStore.Start.UtcDateTime),
                (AuditActions.VariableChanged, "bob@example.com", "min_tenure", "Integer 6 → Decimal 6.5", TestStore.Start.UtcDateTime.AddHours(2)),
                (AuditActions.VariableChanged, "bob@example.com", "region", "Text north → (removed)", TestStore.Start.UtcDateTime.AddHours(3)),
            ],
            audit.Select(a => (a.Action, a.Actor, a.Subject, a.Details, a.At)));
    }

    public static TheoryData<VariableType, string, string> BadValues => new()
    {
        { VariableType.Date, "31/01/2026", "date (write it yyyy-MM-dd" },
        { VariableType.Integer, "12.5", "whole number" },
        { VariableType.Decimal, "0,25", "decimal number (with a dot" },
        { VariableType.Text, "O'Brien", "text value" },
        { VariableType.Identifier, "customers; drop table x", "table or column name" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_value_that_does_not_fit_its_type_is_refused_naming_the_variable(VariableType type, string value, string expected)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<GlobalVariablesHandler>().SetAsync(
            new SetGlobalVariable("cutoff", type, value), Ana, Ct));

        Assert.StartsWith($"The variable cutoff = '{value}' is not a valid ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(store);
    }

    [Fact]
    public async Task A_refused_update_keeps_the_previous_value()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var variables = store.Get<GlobalVariablesHandler>();
        await variables.SetAsync(new SetGlobalVariable("cutoff", VariableType.Date, "2026-01-31"), Ana, Ct);

        await Assert.ThrowsAsync<CockpitValidationException>(
            () => variables.SetAsync(new SetGlobalVariable("cutoff", VariableType.Date, "2026-02-30"), Ana, Ct));

        var stored = Assert.Single(await variables.ListAsync(Ct));
        Assert.Equal((VariableType.Date, "2026-01-31"), (stored.Type, stored.Value));
        await using var db = await store.OpenAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(Ct));
    }

    [Theory]
    [InlineData("date_ref", VariableType.Date, "2026-01-31")]
    [InlineData("date_ref_yyyymm", VariableType.Integer, "202601")]
    [InlineData("label_end", VariableType.Date, "2026-04-30")]
    [InlineData(" label_end ", VariableType.Date, "2026-04-30")]
    public async Task Built_in_names_are_refused(string name, VariableType type, string value)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<GlobalVariablesHandler>().SetAsync(
            new SetGlobalVariable(name, type, value), Ana, Ct));

        Assert.Equal($"{name.Trim()} is set by the engine for each reference date and cannot be defined.", error.Message);
        await AssertNothingStoredAsync(store);
    }

    [Theory]
    [InlineData("Region")]
    [InlineData("1st")]
    [InlineData("my var")]
    [InlineData("a-b")]
    [InlineData("")]
    public async Task A_name_that_cannot_be_written_as_a_placeholder_is_refused(string name)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<GlobalVariablesHandler>().SetAsync(
            new SetGlobalVariable(name, VariableType.Text, "x"), Ana, Ct));

        Assert.StartsWith($"The variable name '{name}' is not allowed", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(store);
    }

    [Fact]
    public async Task A_viewer_cannot_set_or_delete_but_can_list()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var variables = store.Get<GlobalVariablesHandler>();
        await variables.SetAsync(new SetGlobalVariable("region", VariableType.Text, "north"), Ana, Ct);
        var viewer = Actor.Of("vic@example.com", Roles.Viewer);

        var set = await Assert.ThrowsAsync<AccessDeniedException>(
            () => variables.SetAsync(new SetGlobalVariable("region", VariableType.Text, "south"), viewer, Ct));
        var delete = await Assert.ThrowsAsync<AccessDeniedException>(() => variables.DeleteAsync("region", viewer, Ct));

        Assert.Equal("vic@example.com cannot set variables: this needs the Analyst role. Ask an Admin to grant it.", set.Message);
        Assert.Equal("vic@example.com cannot remove variables: this needs the Analyst role. Ask an Admin to grant it.", delete.Message);
        var stored = Assert.Single(await variables.ListAsync(Ct));
        Assert.Equal(("region", "north"), (stored.Name, stored.Value));
        await using var db = await store.OpenAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task Deleting_an_unknown_variable_is_refused()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<GlobalVariablesHandler>().DeleteAsync("nope", Ana, Ct));

        Assert.Equal("There is no global variable named nope.", error.Message);
        await AssertNothingStoredAsync(store);
    }

    private static async Task AssertNothingStoredAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        Assert.Equal(0, await db.Variables.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
    }
}
