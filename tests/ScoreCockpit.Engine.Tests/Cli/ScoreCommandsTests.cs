using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>
/// The score verbs a pipeline scripts: definitions to and from files, variables, deleting, purging and activating on a
/// person's behalf.
/// </summary>
public sealed class ScoreCommandsTests : IDisposable
{
    private const string GoodPassword = "Correct-Horse-42";
    private readonly CliSandbox _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Show_then_save_with_replace_round_trips_every_demo_score_byte_for_byte()
    {
        Assert.Equal(0, (await _cli.RunAsync("", "init", "--demo", "--customers", "300", "--no-history")).ExitCode);

        foreach (var score in new[] { "churn", "cross-sell", "renewal" })
        {
            var shown = await _cli.RunAsync("", "scores", "show", score);
            Assert.Equal(0, shown.ExitCode);
            var file = Path.Combine(_cli.Root, $"{score}.json");
            await File.WriteAllTextAsync(file, shown.Output, Ct);

            var saved = await _cli.RunAsync("", "scores", "save", file, "--replace");
            Assert.Equal(("", 0), (saved.Error, saved.ExitCode));
            Assert.Equal($"Replaced the definition of {score}.", saved.Output.Trim());
            Assert.Equal(shown.Output, (await _cli.RunAsync("", "scores", "show", score)).Output);
        }

        var clash = await _cli.RunAsync("", "scores", "save", Path.Combine(_cli.Root, "churn.json"));
        Assert.Equal(ExitCodes.BadInput, clash.ExitCode);
        Assert.Equal("error: A score named 'churn' already exists. To replace its definition use --replace, or rename the score in the file.",
            clash.Error.Trim());
    }

    [Fact]
    public async Task Save_creates_a_score_and_lists_every_mistake_of_a_bad_file_at_once()
    {
        var good = Path.Combine(_cli.Root, "good.json");
        await File.WriteAllTextAsync(good, ScoreDefinitionJson.Write(TestDefinitions.Sample("upsell")), Ct);
        var created = await _cli.RunAsync("", "scores", "save", good);
        Assert.Equal(("Created the score upsell.", 0), (created.Output.Trim(), created.ExitCode));

        var bad = Path.Combine(_cli.Root, "bad.json");
        await File.WriteAllTextAsync(bad, ScoreDefinitionJson.Write(TestDefinitions.Sample("Bad Name") with
        {
            HorizonMonths = 99,
            Owners = ["not-an-email"],
            Connection = "nowhere",
        }), Ct);
        var refused = await _cli.RunAsync("", "scores", "save", bad);

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains("The score name 'Bad Name' is not allowed", refused.Error, StringComparison.Ordinal);
        Assert.Contains("The label horizon must be between 0 and 36 months (0: the end of the same month), not 99.", refused.Error, StringComparison.Ordinal);
        Assert.Contains("'not-an-email' is not an email address.", refused.Error, StringComparison.Ordinal);
        Assert.Contains("The warehouse connection 'nowhere' does not exist.", refused.Error, StringComparison.Ordinal);
        Assert.Equal(["upsell"], await ScoreNamesAsync());
    }

    [Fact]
    public async Task Delete_needs_yes_and_then_hides_the_score()
    {
        await SaveSampleAsync("upsell");

        var refused = await _cli.RunAsync("", "scores", "delete", "upsell");
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal("error: Deleting 'upsell' removes its model files and snapshot tables for good. Add --yes to confirm.", refused.Error.Trim());
        Assert.Equal(["upsell"], await ScoreNamesAsync());

        var deleted = await _cli.RunAsync("", "scores", "delete", "upsell", "--yes");
        Assert.Equal(("", 0), (deleted.Error, deleted.ExitCode));
        Assert.StartsWith("Deleted upsell:", deleted.Output, StringComparison.Ordinal);
        Assert.Empty(await ScoreNamesAsync());
        Assert.Equal("error: There is no score named 'upsell'.", (await _cli.RunAsync("", "scores", "show", "upsell")).Error.Trim());
    }

    [Fact]
    public async Task Variables_are_set_listed_and_deleted_globally_and_on_a_score_with_clear_refusals()
    {
        await SaveSampleAsync("upsell");

        Assert.Equal(0, (await _cli.RunAsync("", "variables", "set", "region", "north", "--type", "text")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("", "variables", "set", "since", "2025-01-31", "--type", "Date", "--score", "upsell")).ExitCode);
        var changed = await _cli.RunAsync("", "variables", "set", "region", "south");
        Assert.Equal("Set the global variable region = south (Text).", changed.Output.Trim());

        var globals = await _cli.RunAsync("", "variables", "list");
        Assert.Equal(["NAME    TYPE  VALUE", "region  Text  south"], Lines(globals.Output));
        var onScore = await _cli.RunAsync("", "variables", "list", "--score", "upsell", "--json");
        Assert.Contains("\"name\": \"since\"", onScore.Output, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"2025-01-31\"", onScore.Output, StringComparison.Ordinal);
        Assert.Contains("\"scope\": \"score\"", onScore.Output, StringComparison.Ordinal);

        Assert.Equal("error: The variable since = '31/01/2025' is not a valid date (write it yyyy-MM-dd, e.g. 2026-01-31).",
            (await _cli.RunAsync("", "variables", "set", "since", "31/01/2025", "--score", "upsell")).Error.Trim());
        Assert.Equal("error: Unknown variable type 'when'. Use Date, Integer, Decimal, Text, Identifier.",
            (await _cli.RunAsync("", "variables", "set", "x", "1", "--type", "when")).Error.Trim());
        Assert.Equal("error: fresh is a new variable: give its type with --type Date|Integer|Decimal|Text|Identifier.",
            (await _cli.RunAsync("", "variables", "set", "fresh", "1")).Error.Trim());
        Assert.Contains("date_ref is set by the engine",
            (await _cli.RunAsync("", "variables", "set", "date_ref", "2025-01-31", "--type", "Date")).Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, (await _cli.RunAsync("", "variables", "set", "bad name", "1", "--type", "Integer")).ExitCode);

        Assert.Equal(0, (await _cli.RunAsync("", "variables", "delete", "region")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("", "variables", "delete", "since", "--score", "upsell")).ExitCode);
        Assert.StartsWith("No global variable.", (await _cli.RunAsync("", "variables", "list")).Output, StringComparison.Ordinal);
        Assert.StartsWith("upsell defines no variable.", (await _cli.RunAsync("", "variables", "list", "--score", "upsell")).Output, StringComparison.Ordinal);
        Assert.Equal("error: upsell defines no variable named since. See its variables with: scorecockpit variables list --score upsell",
            (await _cli.RunAsync("", "variables", "delete", "since", "--score", "upsell")).Error.Trim());
    }

    [Fact]
    public async Task Purge_dry_run_changes_nothing_and_the_real_purge_removes_the_listed_versions()
    {
        await SaveSampleAsync("upsell");
        var versions = await RegisterVersionsAsync("upsell", 4);
        Assert.Equal(0, (await _cli.RunAsync("", "activate", "upsell", "3", "--comment", "best lift")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("", "activate", "upsell", "4", "--comment", "newer data")).ExitCode);

        var dry = await _cli.RunAsync("", "purge", "upsell", "--up-to", "2026-12-31", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Equal(
            [
                "Would purge 2 version(s) of upsell trained up to 2026-12-31: v1, v2. Nothing changed (dry run).",
                "Kept v3: previously active: kept for rollback.",
                "Kept v4: active.",
            ], Lines(dry.Output));
        Assert.Equal([true, true, true, true], await ArtifactsExistAsync(versions));

        var done = await _cli.RunAsync("", "purge", "upsell", "--up-to", "2026-12-31");
        Assert.Equal("Purged 2 version(s) of upsell trained up to 2026-12-31: v1, v2.", Lines(done.Output)[0]);
        Assert.Equal([false, false, true, true], await ArtifactsExistAsync(versions));
        Assert.StartsWith("No version of upsell", (await _cli.RunAsync("", "purge", "upsell", "--up-to", "2026-12-31")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_as_a_person_records_them_and_refuses_unknown_or_non_analyst_accounts()
    {
        await SaveSampleAsync("upsell");
        await RegisterVersionsAsync("upsell", 2);
        Assert.Equal(0, (await _cli.RunAsync(GoodPassword, "users", "add", "--email", "ada@example.com", "--role", "Analyst")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync(GoodPassword, "users", "add", "--email", "vic@example.com", "--role", "Viewer")).ExitCode);

        var unknown = await _cli.RunAsync("", "activate", "upsell", "1", "--comment", "first", "--as", "nobody@example.com");
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Equal("error: There is no account 'nobody@example.com'. Give the email of an existing user (scorecockpit users list).",
            unknown.Error.Trim());
        var viewer = await _cli.RunAsync("", "activate", "upsell", "1", "--comment", "first", "--as", "vic@example.com");
        Assert.Equal(ExitCodes.BadInput, viewer.ExitCode);
        Assert.Contains("vic@example.com cannot activate model versions: --as needs an account with the Analyst role", viewer.Error, StringComparison.Ordinal);

        var done = await _cli.RunAsync("", "activate", "upsell", "1", "--comment", "first production model", "--as", "ADA@example.com");
        Assert.Equal(("", 0), (done.Error, done.ExitCode));
        await using var services = await EngineAsync();
        var history = await services.GetRequiredService<ActiveVersions>().HistoryAsync("upsell", Ct);
        var only = Assert.Single(history);
        Assert.Equal((1, "ada@example.com", "first production model"), (only.VersionNumber, only.ActivatedBy, only.Comment));
    }

    public void Dispose() => _cli.Dispose();

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task SaveSampleAsync(string name)
    {
        var file = Path.Combine(_cli.Root, $"{name}.json");
        await File.WriteAllTextAsync(file, ScoreDefinitionJson.Write(TestDefinitions.Sample(name)), Ct);
        Assert.Equal(0, (await _cli.RunAsync("", "scores", "save", file)).ExitCode);
    }

    private async Task<List<string>> ScoreNamesAsync()
    {
        await using var services = await EngineAsync();
        return (await services.GetRequiredService<ListScoresHandler>().HandleAsync(Ct)).Select(s => s.Name).ToList();
    }

    /// <summary>Versions registered as training registers them, one per month-end of 2026, without training.</summary>
    private async Task<List<ModelVersion>> RegisterVersionsAsync(string score, int count)
    {
        await using var services = await EngineAsync();
        var id = (await services.GetRequiredService<GetScoreHandler>().HandleAsync(score, Ct)).Id;
        var versions = new List<ModelVersion>();
        for (var month = 1; month <= count; month++)
        {
            var asOf = new DateOnly(2026, month, 1).AddMonths(1).AddDays(-1);
            versions.Add(await services.GetRequiredService<RegisterVersionHandler>().HandleAsync(
                new ModelVersion { ScoreId = id, AsOfDate = asOf, Algorithm = "FastTree", ArtifactSha256 = "", TrainedBy = "" },
                Encoding.UTF8.GetBytes($"model-{month}"), "system", Ct));
        }

        return versions;
    }

    private async Task<List<bool>> ArtifactsExistAsync(IEnumerable<ModelVersion> versions)
    {
        await using var services = await EngineAsync();
        var artifacts = services.GetRequiredService<ArtifactStore>();
        return versions.Select(v => artifacts.Exists(v.ArtifactSha256)).ToList();
    }

    /// <summary>The engine on the sandbox's data folder, as the command line wires it, to look at what the commands left.</summary>
    private async Task<EngineServicesScope> EngineAsync()
    {
        var data = new DataFolder(_cli.DataPath);
        var store = StoreSettings.Resolve(null, null, data);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddScoreCockpitEngine(data, store);
        var provider = collection.BuildServiceProvider();
        await provider.PrepareCockpitStoreAsync(Ct);
        return new EngineServicesScope(provider, store);
    }

    private sealed class EngineServicesScope(ServiceProvider provider, StoreSettings store) : IAsyncDisposable, IServiceProvider
    {
        public object? GetService(Type serviceType) => provider.GetService(serviceType);

        public async ValueTask DisposeAsync()
        {
            await provider.DisposeAsync();
            using var connection = new SqliteConnection(store.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}
