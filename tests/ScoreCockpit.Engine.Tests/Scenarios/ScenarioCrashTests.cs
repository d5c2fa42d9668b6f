using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ScoreCockpit.Engine.Tests.Cli;
using ScoreCockpit.Engine.Tests.Support;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>
/// A `scorecockpit scenario run` process killed in the middle of a step: once its lease expires (4 s here), the next
/// start marks the run and that step interrupted, the steps after it are not run, and the step's own output follows
/// its atomic rule (nothing half-made).
/// </summary>
public sealed class ScenarioCrashTests : IDisposable
{
    private const string Definition = """
        {
          "steps": [
            { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ] },
            { "type": "run-sql", "name": "slow prep", "sql": "CREATE TABLE crash_probe AS SELECT count(*) AS n FROM range(20000000000)" },
            { "type": "set-variables", "name": "after", "variables": [ { "name": "done", "type": "integer", "value": "1" } ] }
          ]
        }
        """;

    private readonly CliSandbox _sandbox = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_killed_mid_step_is_marked_interrupted_at_the_next_start_and_leaves_no_half_output()
    {
        // The probe needs a warehouse, not the demo (whose install alone can take minutes on a busy machine).
        await CliAsync("init");
        var file = Path.Combine(_sandbox.Root, "crash.json");
        await File.WriteAllTextAsync(file, Definition, Ct);
        await CliAsync("scenario", "save", "crash-probe", "--file", file);

        using (var process = Process.Start(CliProcess.StartInfo(["--data", _sandbox.DataPath, "scenario", "run", "crash-probe"], shortLeases: true))!)
        {
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            while (await process.StandardError.ReadLineAsync(Ct) is { } line)
            {
                if (line.StartsWith("Step 2/3", StringComparison.Ordinal))
                {
                    process.Kill(entireProcessTree: true);
                    break;
                }
            }

            await process.WaitForExitAsync(Ct);
            Assert.DoesNotContain("Succeeded in", await output, StringComparison.Ordinal);
        }

        Assert.Equal("Running|Succeeded,Running,Pending", await StatusesAsync());

        // Any command starts the host, whose start-up marks the dead process's run once its lease has expired.
        await Wait.UntilAsync(async () =>
        {
            await CliAsync("scenario", "list");
            return await StatusesAsync() != "Running|Succeeded,Running,Pending";
        }, "a start to mark the killed run interrupted", TimeSpan.FromMinutes(2));

        Assert.Equal("Interrupted|Succeeded,Interrupted,Skipped", await StatusesAsync());
        var tables = await CliProcess.RunAsync(["--data", _sandbox.DataPath, "scenario", "list"]);
        Assert.Contains("Interrupted", tables.Output, StringComparison.Ordinal);
        await using var warehouse = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(_sandbox.DataPath, "warehouse.duckdb")}");
        await warehouse.OpenAsync(Ct);
        await using var command = warehouse.CreateCommand();
        command.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'crash_probe'";
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync(Ct)));
    }

    public void Dispose() => _sandbox.Dispose();

    private async Task CliAsync(params string[] args)
    {
        var result = await CliProcess.RunAsync(["--data", _sandbox.DataPath, .. args], shortLeases: true);
        Assert.True(result.ExitCode == 0, $"scorecockpit {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}{result.Output}");
    }

    /// <summary>"RunStatus|step,step,…" of the only run, read straight from the store without starting a host.</summary>
    private async Task<string> StatusesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_sandbox.DataPath, "cockpit.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT r.Status || '|' || group_concat(s.Status, ',') FROM scenario_runs r JOIN " +
            "(SELECT * FROM scenario_step_runs ORDER BY Position) s ON s.RunId = r.Id GROUP BY r.Id";
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
