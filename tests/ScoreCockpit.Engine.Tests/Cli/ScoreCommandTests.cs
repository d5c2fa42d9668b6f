using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>`scorecockpit activate` and `scorecockpit score` on a small demo: the summary printed and the exit codes.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Scores_a_date_then_the_latest_with_drift_and_warnings_and_refuses_what_cannot_be_scored()
    {
        Assert.Equal(0, (await _cli.RunAsync("", "init", "--demo", "--customers", "1500", "--no-history")).ExitCode);

        var unknown = await _cli.RunAsync("", "score", "nope");
        Assert.Equal((2, "error: There is no score named 'nope'."), (unknown.ExitCode, unknown.Error.Trim()));

        // Trained before the demo's sms_count stops being delivered, so scoring the latest month warns about it.
        Assert.Equal(0, (await _cli.RunAsync("", "train", "churn", "--as-of", "2025-06-01", "--no-challengers")).ExitCode);
        var inactive = await _cli.RunAsync("", "score", "churn");
        Assert.Equal(2, inactive.ExitCode);
        Assert.StartsWith("error: churn has no active version", inactive.Error, StringComparison.Ordinal);
        Assert.Empty(inactive.Output);

        var activated = await _cli.RunAsync("", "activate", "churn", "1", "--comment", "first version");
        Assert.Equal((0, "Activated churn v1: it scores customers from now on."), (activated.ExitCode, activated.Output.Trim()));

        var noSnapshot = await _cli.RunAsync("", "score", "churn", "--date", "2020-01-31");
        Assert.Equal((2, "error: churn has no snapshot for 2020-01-31: build it first, then score."), (noSnapshot.ExitCode, noSnapshot.Error.Trim()));

        var first = await _cli.RunAsync("", "score", "churn", "--date", "2026-02-28");
        Assert.True(first.ExitCode == 0, first.Error);
        var lines = first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^Scored churn on 2026-02-28 with v1: [0-9,]+ rows into scores_churn, mean score 0\.[0-9]{4} \([0-9.]+ s\)\.$", lines[0]);
        Assert.StartsWith("Executed in-process: auto: the kernel is faster than DuckDb's SQL", lines[1], StringComparison.Ordinal);
        Assert.Equal("Score PSI vs the previous run: none (first run of this score).", lines[2]);
        Assert.Equal("Most drifting features against v1's training data (warning at 0.1, alert at 0.25):", lines[3]);
        Assert.Matches("^FEATURE +PSI +LEVEL$", lines[4]);

        // The five largest PSIs, largest first, each with the level the score's thresholds give it.
        var features = lines[5..10].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.All(features, f => Assert.Equal(3, f.Length));
        var psis = features.Select(f => double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(psis.OrderDescending(), psis);
        Assert.All(features, f => Assert.Equal(Level(double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)), f[2]));
        Assert.Equal(10, lines.Length);
        Assert.Contains("Writing ", first.Error, StringComparison.Ordinal);

        var nowhere = await _cli.RunAsync("", "score", "churn", "--execution", "cloud");
        Assert.Equal((2, "error: 'cloud' is not an execution for --execution: use auto, in-process or in-warehouse."),
            (nowhere.ExitCode, nowhere.Error.Trim()));

        // The latest snapshot scored inside the warehouse: the same summary, and where it ran.
        var latest = await _cli.RunAsync("", "score", "churn", "--execution", "in-warehouse");
        Assert.True(latest.ExitCode == 0, latest.Error);
        Assert.Contains("Executed in-warehouse: asked for this run.", latest.Output, StringComparison.Ordinal);
        Assert.Matches(@"Scored churn on 20[0-9-]{8} with v1: ", latest.Output);
        Assert.Matches(@"Score PSI vs the previous run: [0-9]\.[0-9]{4} \((ok|warning|alert); warning at 0\.1, alert at 0\.25\)\.", latest.Output);
        Assert.Contains("Warnings (2):", latest.Output, StringComparison.Ordinal);
        Assert.Contains("  - The column 'sms_count' is missing from the snapshot", latest.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_needs_a_comment_and_an_existing_version()
    {
        Assert.Equal(0, (await _cli.RunAsync("", "init", "--demo", "--customers", "300", "--no-history")).ExitCode);

        Assert.Equal(1, (await _cli.RunAsync("", "activate", "churn", "1")).ExitCode);
        var shortComment = await _cli.RunAsync("", "activate", "churn", "1", "--comment", "x");
        Assert.Equal((2, "error: Say why this version should score customers: a comment is required."), (shortComment.ExitCode, shortComment.Error.Trim()));
        var missing = await _cli.RunAsync("", "activate", "churn", "7", "--comment", "no such version");
        Assert.Equal((2, "error: churn has no version 7."), (missing.ExitCode, missing.Error.Trim()));
    }

    private static string Level(double psi) => psi >= 0.25 ? "alert" : psi >= 0.1 ? "warning" : "ok";
}
