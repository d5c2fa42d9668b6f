using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Cli;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scoring;

/// <summary>
/// "Atomic outputs": a `scorecockpit score` process killed while it writes leaves the previous scores in full, and the
/// next start after its lease expired marks its run interrupted. Real processes over one data folder, as cron would run them.
/// </summary>
public sealed class ScoringCrashTests : IDisposable
{
    // Big enough that writing a date's rows takes a few hundred milliseconds, far more than the test needs to kill the
    // process once it says it is writing (the kill's timing is checked below: the staging table must outlive it).
    private const string Customers = "200000";

    // A year of months is enough for two churn versions; the demo follows the machine's clock, and so do its dates.
    private const int Months = 12;
    private static readonly ScoreCockpit.Engine.Demo.DemoOptions DemoMonths =
        ScoreCockpit.Engine.Demo.DemoOptions.ForToday(new ScoreCockpit.Engine.Settings.CockpitClock(TimeProvider.System, ScoreCockpit.Engine.Settings.CockpitTimeZone.Default)) with { Months = Months };
    private static readonly string Date = Iso(DemoMonths.ReferenceDate(Months));
    private const string Staging = "scores_churn__staging";

    private static readonly string Fingerprint =
        "SELECT concat(COUNT(*), ' rows, versions ', MIN(version), '-', MAX(version), ', dates ', COUNT(DISTINCT reference_date), ', hash ', " +
        "SUM(hash(customer_id, score, score_rank, decile, percentile, version, reference_date) % 1000000007)) FROM scores_churn";

    private readonly CliSandbox _sandbox = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_killed_mid_write_leaves_the_previous_scores_and_is_marked_interrupted_at_the_next_start()
    {
        await CliAsync("init", "--demo", "--customers", Customers, "--no-history", "--months", $"{Months}");
        await CliAsync("train", "churn", "--as-of", Iso(DemoMonths.ReferenceDate(8).AddDays(1)), "--no-challengers");
        await CliAsync("train", "churn", "--as-of", Iso(DemoMonths.ReferenceDate(10).AddDays(1)), "--no-challengers");
        await CliAsync("activate", "churn", "1", "--comment", "first version");
        await CliAsync("score", "churn", "--date", Date);
        var before = await WarehouseAsync(s => s.ScalarAsync(RenderedSql.Plain(Fingerprint), Ct));
        Assert.Contains("versions 1-1", before as string, StringComparison.Ordinal);

        // v2 would write other rows (its version number at least): a swap that slipped through would show.
        await CliAsync("activate", "churn", "2", "--comment", "second version");
        var killedAfter = await KillWhenAsync(line => line.StartsWith("Writing ", StringComparison.Ordinal), "score", "churn", "--date", Date);

        Assert.True(await WarehouseAsync(s => s.TableExistsAsync(Staging, Ct)),
            $"The process was killed after its swap (it had printed: {killedAfter}); the test did not kill it mid-write.");
        Assert.Equal(before, await WarehouseAsync(s => s.ScalarAsync(RenderedSql.Plain(Fingerprint), Ct)));
        Assert.Equal([ScoringStatus.Running, ScoringStatus.Succeeded], (await RunsAsync()).Select(r => r.Status));

        // Any command starts the host, whose start-up marks the dead process's run once its lease has expired (4 s here).
        await Wait.UntilAsync(async () =>
        {
            await CliAsync("versions", "churn");
            return (await RunsAsync())[0].Status != ScoringStatus.Running;
        }, "a start to mark the killed run interrupted", TimeSpan.FromMinutes(2));
        var runs = await RunsAsync();
        Assert.Equal([ScoringStatus.Interrupted, ScoringStatus.Succeeded], runs.Select(r => r.Status));
        Assert.Equal(2, runs[0].VersionNumber);
        Assert.NotNull(runs[0].FinishedAt);
        Assert.Contains("kept the previous scores", runs[0].Failure, StringComparison.Ordinal);
        Assert.Equal(before, await WarehouseAsync(s => s.ScalarAsync(RenderedSql.Plain(Fingerprint), Ct)));

        // The next run clears the leftover staging table and swaps its own rows in.
        await CliAsync("score", "churn", "--date", Date);
        Assert.False(await WarehouseAsync(s => s.TableExistsAsync(Staging, Ct)));
        Assert.Contains("versions 2-2", await WarehouseAsync(s => s.ScalarAsync(RenderedSql.Plain(Fingerprint), Ct)) as string, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs `scorecockpit --data … ARGS` to its end and insists on exit code 0.</summary>
    private async Task CliAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await WaitAsync(process, TimeSpan.FromMinutes(10));
        Assert.True(process.ExitCode == 0, $"scorecockpit {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
    }

    /// <summary>Starts `scorecockpit --data … ARGS` and kills it (with its children) as soon as it prints a matching line on standard error.</summary>
    private async Task<string> KillWhenAsync(Func<string, bool> condition, params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var seen = new List<string>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(5));
        while (await process.StandardError.ReadLineAsync(deadline.Token) is { } line)
        {
            seen.Add(line);
            if (condition(line))
            {
                process.Kill(entireProcessTree: true);
                await WaitAsync(process, TimeSpan.FromMinutes(1));
                await output;
                return string.Join(" | ", seen);
            }
        }

        await WaitAsync(process, TimeSpan.FromMinutes(1));
        throw new Xunit.Sdk.XunitException($"The process ended ({process.ExitCode}) without the awaited line: {string.Join(" | ", seen)} {await output}");
    }

    private Process Start(string[] args) =>
        Process.Start(CliProcess.StartInfo(["--data", _sandbox.DataPath, .. args], shortLeases: true)) ?? throw new InvalidOperationException("dotnet did not start.");

    private static async Task WaitAsync(Process process, TimeSpan limit)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Reads the data folder's warehouse from this process, once no `scorecockpit` process holds it (DuckDB allows one writer).</summary>
    private async Task<T> WarehouseAsync<T>(Func<WarehouseSession, Task<T>> read)
    {
        await using var services = Services();
        await using var session = await services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct);
        return await read(session);
    }

    /// <summary>The score's runs as stored, newest first, read without the start-up that would mark them.</summary>
    private async Task<IReadOnlyList<ScoringRunView>> RunsAsync()
    {
        IReadOnlyList<ScoringRunView> runs;
        await using (var services = Services())
        {
            runs = await services.GetRequiredService<ListScoringRunsHandler>().HandleAsync("churn", ct: Ct);
        }

        // Release the SQLite file, so the folder can be deleted at the end.
        using var connection = new SqliteConnection(Store.ConnectionString);
        SqliteConnection.ClearPool(connection);
        return runs;
    }

    private StoreSettings Store => StoreSettings.Resolve(null, null, new DataFolder(_sandbox.DataPath));

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoreCockpitEngine(new DataFolder(_sandbox.DataPath), Store);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
