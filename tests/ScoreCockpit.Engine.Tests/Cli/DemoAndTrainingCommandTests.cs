using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>The headless path an analyst scripts: init the demo, list scores, train, list and verify versions.</summary>
public sealed class DemoAndTrainingCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    [Fact]
    public async Task Init_demo_then_train_and_list_versions()
    {
        var init = await _cli.RunAsync("", "init", "--demo", "--customers", "1500", "--no-history");
        Assert.Equal(0, init.ExitCode);
        Assert.Contains("Demo ready in", init.Output, StringComparison.Ordinal);

        var scores = await _cli.RunAsync("", "scores", "list", "--json");
        Assert.Equal(0, scores.ExitCode);
        Assert.Contains("\"name\": \"churn\"", scores.Output, StringComparison.Ordinal);
        Assert.Contains("\"snapshots\": 30", scores.Output, StringComparison.Ordinal);

        var none = await _cli.RunAsync("", "versions", "churn");
        Assert.Contains("No version yet", none.Output, StringComparison.Ordinal);

        var trained = await _cli.RunAsync("", "train", "churn");
        Assert.Equal(0, trained.ExitCode);
        Assert.Matches("Trained churn v1 as of [0-9-]{10}: LightGbm, validation AUC 0\\.[0-9]{3}", trained.Output);
        Assert.Contains("Not activated.", trained.Output, StringComparison.Ordinal);

        var versions = await _cli.RunAsync("", "versions", "churn");
        Assert.Equal(0, versions.ExitCode);
        Assert.Contains("v1", versions.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("*", versions.Output, StringComparison.Ordinal);

        // Each version's compiled plan against ML.NET; then a plan file damaged on disk is refused by name.
        var verified = await _cli.RunAsync("", "versions", "verify", "churn");
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Contains("identical", verified.Output, StringComparison.Ordinal);
        Assert.Contains("v1", verified.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", verified.Output, StringComparison.Ordinal);
        // The plan as SQL, for the score's own warehouse (the demo's DuckDB) or another named; an unknown one refused with the list.
        var duckDb = await _cli.RunAsync("", "versions", "sql", "churn", "1");
        Assert.True(duckDb.ExitCode == 0, duckDb.Error);
        Assert.StartsWith("-- churn v1 (LightGbm) written as SQL for DuckDB by ScoreCockpit.", duckDb.Output, StringComparison.Ordinal);
        Assert.Matches("-- Reads [a-z0-9_.]+; returns customer_id, raw_score and probability", duckDb.Output);
        Assert.Contains("AS raw_score", duckDb.Output, StringComparison.Ordinal);
        Assert.EndsWith(";", duckDb.Output.TrimEnd(), StringComparison.Ordinal);
        var teradata = await _cli.RunAsync("", "versions", "sql", "churn", "1", "--dialect", "teradata", "--table", "sandbox.churn_base");
        Assert.True(teradata.ExitCode == 0, teradata.Error);
        Assert.Contains("for Teradata", teradata.Output, StringComparison.Ordinal);
        Assert.Contains("-- Reads sandbox.churn_base;", teradata.Output, StringComparison.Ordinal);
        Assert.Contains("FROM \"sandbox\".\"churn_base\")", teradata.Output, StringComparison.Ordinal);
        Assert.Contains("within 1e-6", teradata.Output, StringComparison.Ordinal);
        var oracle = await _cli.RunAsync("", "versions", "sql", "churn", "1", "--dialect", "oracle");
        Assert.Equal(2, oracle.ExitCode);
        Assert.Equal("error: Unknown dialect 'oracle': use one of duckdb, postgres, sqlserver, teradata.", oracle.Error.Trim());

        foreach (var plan in Directory.GetFiles(Path.Combine(_cli.DataPath, "artifacts"), "*.plan.json", SearchOption.AllDirectories))
        {
            await File.WriteAllTextAsync(plan, "{\"format\":1,", TestContext.Current.CancellationToken);
        }

        var broken = await _cli.RunAsync("", "versions", "verify", "churn", "1", "--json");
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("The scoring plan of churn v1 is corrupt", broken.Output, StringComparison.Ordinal);
        Assert.Contains("do not score as ML.NET does", broken.Error, StringComparison.Ordinal);

        var unknown = await _cli.RunAsync("", "train", "nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: There is no score named 'nope'.", unknown.Error.Trim());
    }

    [Fact]
    public async Task Init_refuses_an_absurd_demo_size()
    {
        var result = await _cli.RunAsync("", "init", "--demo", "--customers", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--customers must be between 100", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
