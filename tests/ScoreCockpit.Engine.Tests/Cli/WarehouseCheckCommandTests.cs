using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>`scorecockpit warehouse check CONNECTION` on the embedded warehouse of a temporary data folder.</summary>
public sealed class WarehouseCheckCommandTests : IDisposable
{
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Checking_the_demo_warehouse_prints_a_passing_table_and_exits_0()
    {
        var result = await sandbox.RunAsync("", "warehouse", "check", "demo");

        Assert.Equal("", result.Error);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Matches(@"^CHECK\s+RESULT\s+TIME\s+MESSAGE$", lines[0]);
        Assert.Equal(20, lines.Length - 2);
        Assert.All(lines[1..^1], line => Assert.Matches(@"^\S.*\s+pass\s+\d+\.\d\d s$", line));
        Assert.Contains(lines, line => line.StartsWith("swap onto existing target ", StringComparison.Ordinal));
        Assert.Equal("All 20 checks passed on demo (DuckDb).", lines[^1]);
        await using var session = await new WarehouseConnector(Microsoft.Extensions.Logging.Abstractions.NullLogger<WarehouseConnector>.Instance)
            .OpenAsync(WarehouseConnectionInfo.Demo(new Engine.Storage.DataFolder(sandbox.DataPath)), TestContext.Current.CancellationToken);
        Assert.Equal(0L, await Warehouse.WarehouseConformanceTests.ScratchTablesAsync(session));
    }

    [Fact]
    public async Task Json_output_lists_each_check_with_its_outcome()
    {
        var result = await sandbox.RunAsync("", "warehouse", "check", "demo", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("demo", json.RootElement.GetProperty("connection").GetString());
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(20, checks.Count);
        Assert.All(checks, c => Assert.Equal("passed", c.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task An_unknown_connection_is_refused_with_exit_code_2()
    {
        var result = await sandbox.RunAsync("", "warehouse", "check", "nowhere");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("There is no warehouse connection named 'nowhere'", result.Error, StringComparison.Ordinal);
    }
}
