using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Connections;

/// <summary>Admins' warehouse connections: encrypted in the store, never shown back, tested without leaking the secret.</summary>
public sealed class WarehouseConnectionsTests(PostgresClusterFixture postgres)
{
    private const string Secret = "Secret123";
    private const string DwhConnectionString = "Host=dwh.example.com;Port=5432;Username=analyst;Password=Secret123;Database=dwh";

    private static readonly Actor Admin = Actor.Of("adam@example.com", Roles.Admin);
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_saved_connection_string_is_encrypted_in_the_store_and_resolved_for_the_engine(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var connections = store.Get<WarehouseConnections>();

        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, "  " + DwhConnectionString + " "), Admin, Ct);

        await using (var db = await store.OpenAsync())
        {
            var record = await db.WarehouseConnections.AsNoTracking().SingleAsync(Ct);
            Assert.Equal(("dwh", WarehouseKind.Postgres, "adam@example.com", TestStore.Start.UtcDateTime),
                (record.Name, record.Kind, record.UpdatedBy, record.UpdatedAt));
            Assert.DoesNotContain(Secret, record.ProtectedConnectionString, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("dwh.example.com", record.ProtectedConnectionString, StringComparison.OrdinalIgnoreCase);
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((AuditActions.ConnectionChanged, "adam@example.com", "dwh"), (audit.Action, audit.Actor, audit.Subject));
            Assert.DoesNotContain(Secret, audit.Details ?? "", StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(new WarehouseConnectionInfo("dwh", WarehouseKind.Postgres, DwhConnectionString), await connections.ResolveAsync("dwh", Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Another_process_on_the_same_store_decrypts_the_connection_string(StoreProvider provider)
    {
        // The portal and the command line are separate processes: the keys live in the cockpit store, not in memory.
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<WarehouseConnections>().SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, DwhConnectionString), Admin, Ct);

        await using var other = SecondHost.Over(store);
        var resolved = await other.Get<WarehouseConnections>().ResolveAsync("dwh", Ct);

        Assert.Equal(DwhConnectionString, resolved.ConnectionString);
    }

    [Fact]
    public async Task A_connection_string_that_cannot_be_decrypted_says_so_without_leaking_anything()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, DwhConnectionString), Admin, Ct);
        await using (var db = await store.OpenAsync())
        {
            // As if the store had been restored without its Data Protection keys: the cipher text no longer opens.
            var record = await db.WarehouseConnections.SingleAsync(Ct);
            record.ProtectedConnectionString = "CfDJ8" + new string('A', 120);
            await db.SaveChangesAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<CockpitSetupException>(() => connections.ResolveAsync("dwh", Ct));

        Assert.Equal("The connection string of 'dwh' cannot be decrypted: the keys in the cockpit store do not match it. " +
            "An Admin must enter it again.", error.Message);
        await Assert.ThrowsAsync<CockpitSetupException>(() => connections.TestAsync("dwh", Admin, Ct));
    }

    [Fact]
    public async Task Listing_connections_never_exposes_the_connection_string()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, DwhConnectionString), Admin, Ct);
        store.Time.Advance(TimeSpan.FromHours(1));
        await connections.SaveAsync(new SaveConnection("archive", WarehouseKind.SqlServer,
            "Server=archive;Database=old;User Id=sa;Password=Secret123;TrustServerCertificate=true"), Admin, Ct);

        var listed = await connections.ListAsync(Ct);

        Assert.Equal(
            [
                new ConnectionSummary("demo", WarehouseKind.DuckDb, true, null, null),
                new ConnectionSummary("archive", WarehouseKind.SqlServer, false, TestStore.Start.UtcDateTime.AddHours(1), "adam@example.com"),
                new ConnectionSummary("dwh", WarehouseKind.Postgres, false, TestStore.Start.UtcDateTime, "adam@example.com"),
            ],
            listed);
        var json = JsonSerializer.Serialize(listed);
        Assert.DoesNotContain(Secret, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("dwh.example.com", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(typeof(ConnectionSummary).GetProperties(), p => p.Name.Contains("Connection", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_connection_string_on_update_keeps_the_stored_one(string? empty)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, DwhConnectionString), Admin, Ct);
        store.Time.Advance(TimeSpan.FromMinutes(5));

        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, empty, Engine.PushDown.Execution.InWarehouse),
            Actor.Of("eve@example.com", Roles.Admin), Ct);

        Assert.Equal(DwhConnectionString, (await connections.ResolveAsync("dwh", Ct)).ConnectionString);
        var listed = (await connections.ListAsync(Ct)).Single(c => c.Name == "dwh");
        Assert.Equal(("eve@example.com", TestStore.Start.UtcDateTime.AddMinutes(5)), (listed.UpdatedBy, listed.UpdatedAt));
        // The execution setting changes with the rest, while the secret is kept.
        Assert.Equal(Engine.PushDown.Execution.InWarehouse, listed.Execution);
        Assert.Equal(Engine.PushDown.Execution.InWarehouse, await connections.ExecutionAsync("dwh", Ct));
        Assert.Equal(Engine.PushDown.Execution.Auto, await connections.ExecutionAsync("demo", Ct));
    }

    [Fact]
    public async Task A_new_connection_string_on_update_replaces_the_old_one()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, DwhConnectionString), Admin, Ct);

        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, "Host=new;Password=Other456"), Admin, Ct);

        Assert.Equal("Host=new;Password=Other456", (await connections.ResolveAsync("dwh", Ct)).ConnectionString);
        await using var db = await store.OpenAsync();
        Assert.Equal(1, await db.WarehouseConnections.CountAsync(Ct));
    }

    [Fact]
    public async Task A_new_connection_needs_a_connection_string()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<WarehouseConnections>().SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, " "), Admin, Ct));

        Assert.Equal("Give the connection string of 'dwh'.", error.Message);
        await AssertNothingStoredAsync(store);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData(" demo ")]
    public async Task The_demo_name_is_refused(string name)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<WarehouseConnections>().SaveAsync(new SaveConnection(name, WarehouseKind.DuckDb, "Data Source=x.duckdb"), Admin, Ct));

        Assert.Equal("'demo' is the built-in warehouse in the data folder; choose another name.", error.Message);
        await AssertNothingStoredAsync(store);
    }

    [Theory]
    [InlineData("My DWH")]
    [InlineData("dwh;drop")]
    [InlineData("")]
    public async Task A_name_that_is_not_a_plain_lower_case_name_is_refused(string name)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<WarehouseConnections>().SaveAsync(new SaveConnection(name, WarehouseKind.DuckDb, "Data Source=x.duckdb"), Admin, Ct));

        Assert.Contains($"'{name}' is not allowed", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(store);
    }

    public static TheoryData<string, string> NotAdmins => new() { { "vic@example.com", Roles.Viewer }, { "ana@example.com", Roles.Analyst } };

    [Theory]
    [MemberData(nameof(NotAdmins))]
    public async Task Only_an_admin_saves_deletes_or_tests_connections(string name, string role)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, DwhConnectionString), Admin, Ct);
        var actor = Actor.Of(name, role, Roles.Viewer);

        var save = await Assert.ThrowsAsync<AccessDeniedException>(
            () => connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, "Host=evil;Password=x"), actor, Ct));
        var add = await Assert.ThrowsAsync<AccessDeniedException>(
            () => connections.SaveAsync(new SaveConnection("other", WarehouseKind.DuckDb, "Data Source=x.duckdb"), actor, Ct));
        var delete = await Assert.ThrowsAsync<AccessDeniedException>(() => connections.DeleteAsync("dwh", actor, Ct));
        var test = await Assert.ThrowsAsync<AccessDeniedException>(() => connections.TestAsync("demo", actor, Ct));

        Assert.Equal($"{name} cannot manage warehouse connections: this needs the Admin role. Ask an Admin to grant it.", save.Message);
        Assert.Equal(save.Message, add.Message);
        Assert.Equal(save.Message, delete.Message);
        Assert.Equal($"{name} cannot test warehouse connections: this needs the Admin role. Ask an Admin to grant it.", test.Message);
        Assert.Equal(DwhConnectionString, (await connections.ResolveAsync("dwh", Ct)).ConnectionString);
        Assert.Equal(["demo", "dwh"], (await connections.ListAsync(Ct)).Select(c => c.Name));
        await using var db = await store.OpenAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task Deleting_a_connection_removes_it_and_is_audited()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, DwhConnectionString), Admin, Ct);

        await connections.DeleteAsync("dwh", Admin, Ct);

        Assert.Equal(["demo"], (await connections.ListAsync(Ct)).Select(c => c.Name));
        var gone = await Assert.ThrowsAsync<CockpitValidationException>(() => connections.ResolveAsync("dwh", Ct));
        Assert.Equal("There is no warehouse connection named 'dwh'.", gone.Message);
        var again = await Assert.ThrowsAsync<CockpitValidationException>(() => connections.DeleteAsync("dwh", Admin, Ct));
        Assert.Equal("There is no connection named 'dwh'.", again.Message);
        await using var db = await store.OpenAsync();
        Assert.Equal(["connection-changed dwh Postgres, execution auto", "connection-changed dwh removed"],
            await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action + " " + a.Subject + " " + a.Details).ToListAsync(Ct));
    }

    [Fact]
    public async Task Testing_a_DuckDb_connection_and_the_demo_succeeds()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        using var folder = new TempFolder();
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("local", WarehouseKind.DuckDb, $"Data Source={folder.File("local.duckdb")}"), Admin, Ct);

        var local = await connections.TestAsync("local", Admin, Ct);
        var demo = await connections.TestAsync("demo", Admin, Ct);

        Assert.StartsWith("Connected to local (DuckDb", local, StringComparison.Ordinal);
        Assert.EndsWith(").", local, StringComparison.Ordinal);
        Assert.StartsWith("Connected to demo (DuckDb", demo, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.File("local.duckdb")));
    }

    [Fact]
    public async Task Testing_a_Postgres_connection_to_the_test_cluster_succeeds()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var database = await (await postgres.GetClusterAsync()).CreateDatabaseAsync($"dwh_{Guid.NewGuid():N}", Ct);
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("pg", WarehouseKind.Postgres, database), Admin, Ct);

        var message = await connections.TestAsync("pg", Admin, Ct);

        Assert.StartsWith("Connected to pg (Postgres ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Testing_a_Postgres_connection_to_a_closed_port_fails_without_the_password()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var port = PostgresCluster.FindFreePort();
        var connections = store.Get<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres,
            $"Host=127.0.0.1;Port={port};Username=analyst;Password={Secret};Database=dwh;Timeout=5"), Admin, Ct);

        var error = await Assert.ThrowsAsync<WarehouseException>(() => connections.TestAsync("dwh", Admin, Ct));

        Assert.StartsWith("Cannot connect to the warehouse dwh (Postgres, ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_score_on_a_connection_that_does_not_exist_is_refused_when_saved(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var definition = TestDefinitions.Sample("churn") with { Connection = "dwh" };

        var create = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(definition), Ana, Ct));
        var import = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<ImportScoreHandler>().HandleAsync(
            new ImportScore(ScoreDefinitionJson.Write(definition), ReplaceExisting: false), Ana, Ct));

        const string Expected = "The warehouse connection 'dwh' does not exist. An Admin adds connections under Admin → Connections.";
        Assert.Equal(Expected, create.Message);
        Assert.Equal(Expected, import.Message);
        await using (var db = await store.OpenAsync())
        {
            Assert.Equal(0, await db.Scores.CountAsync(Ct));
        }

        // Once an Admin adds it, the same definition is accepted; moving an existing score to a missing one is refused.
        await store.Get<WarehouseConnections>().SaveAsync(new SaveConnection("dwh", WarehouseKind.Postgres, DwhConnectionString), Admin, Ct);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(definition), Ana, Ct);
        var update = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<UpdateScoreHandler>().HandleAsync(
            new UpdateScore("churn", definition with { Connection = "elsewhere" }), Ana, Ct));
        Assert.Contains("'elsewhere' does not exist", update.Message, StringComparison.Ordinal);
        Assert.Equal("dwh", (await store.Get<GetScoreHandler>().HandleAsync("churn", Ct)).Definition.Connection);
    }

    private static async Task AssertNothingStoredAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        Assert.Equal(0, await db.WarehouseConnections.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
    }
}
