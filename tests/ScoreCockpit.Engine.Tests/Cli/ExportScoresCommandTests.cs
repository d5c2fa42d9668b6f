using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Scoring;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>`scorecockpit export-scores`: the file appears whole or not at all; bad input exits 2 with one clear line.</summary>
public sealed class ExportScoresCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    private string Out(string name) => Path.Combine(_cli.Root, name);

    [Fact]
    public async Task Exports_csv_and_xlsx_of_the_latest_or_a_given_date()
    {
        await SeedAsync(30);

        var csv = await _cli.RunAsync("", "export-scores", "churn", "--format", "csv", "--out", Out("churn.csv"));
        var xlsx = await _cli.RunAsync("", "export-scores", "churn", "--format", "XLSX", "--out", Out("churn.xlsx"), "--date", "2026-01-31");

        Assert.Equal((0, ""), (csv.ExitCode, csv.Error));
        Assert.StartsWith($"Exported 30 churn scores of 2026-02-28 to {Out("churn.csv")} (csv, ", csv.Output, StringComparison.Ordinal);
        var lines = (await File.ReadAllTextAsync(Out("churn.csv"), Encoding.UTF8, TestContext.Current.CancellationToken)).Split("\r\n");
        Assert.Equal((32, "customer_id,score,score_rank,decile,percentile,version,reference_date"), (lines.Length, lines[0]));
        Assert.Equal(0, xlsx.ExitCode);
        Assert.StartsWith("Exported 5 churn scores of 2026-01-31", xlsx.Output, StringComparison.Ordinal);
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(Out("churn.xlsx"), TestContext.Current.CancellationToken))[..2]);
        Assert.Equal(["churn.csv", "churn.xlsx", "data"], Directory.EnumerateFileSystemEntries(_cli.Root).Select(Path.GetFileName).Order());

        var french = await _cli.RunAsync("", "export-scores", "churn", "--format", "csv", "--out", Out("fr.csv"), "--csv-culture", "fr");
        Assert.Contains("(csv fr, ", french.Output, StringComparison.Ordinal);
        var frenchLines = (await File.ReadAllTextAsync(Out("fr.csv"), Encoding.UTF8, TestContext.Current.CancellationToken)).Split("\r\n");
        Assert.Equal("customer_id;score;score_rank;decile;percentile;version;reference_date", frenchLines[0]);
        Assert.StartsWith("00042;0,", frenchLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_exits_2_and_leaves_the_previous_file_alone()
    {
        await SeedAsync(10);
        await File.WriteAllTextAsync(Out("keep.csv"), "previous", TestContext.Current.CancellationToken);

        var format = await _cli.RunAsync("", "export-scores", "churn", "--format", "xls", "--out", Out("keep.csv"));
        var unknown = await _cli.RunAsync("", "export-scores", "nope", "--format", "csv", "--out", Out("keep.csv"));
        var date = await _cli.RunAsync("", "export-scores", "churn", "--format", "csv", "--out", Out("keep.csv"), "--date", "2025-12-31");
        var folder = await _cli.RunAsync("", "export-scores", "churn", "--format", "csv", "--out", Out("missing/x.csv"));
        var culture = await _cli.RunAsync("", "export-scores", "churn", "--format", "csv", "--out", Out("keep.csv"), "--csv-culture", "de");

        Assert.Equal((2, "error: The format 'xls' is not offered: choose csv or xlsx."), (format.ExitCode, format.Error.Trim()));
        Assert.Equal((2, "error: There is no score named 'nope'."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal((2, "error: churn has no scores for 2025-12-31. Dates available: 2026-01-31, 2026-02-28."), (date.ExitCode, date.Error.Trim()));
        Assert.Equal((2, "error: The CSV culture 'de' is not offered: choose one of fr, invariant."), (culture.ExitCode, culture.Error.Trim()));
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("does not exist", folder.Error, StringComparison.Ordinal);
        Assert.Equal("previous", await File.ReadAllTextAsync(Out("keep.csv"), TestContext.Current.CancellationToken));
        Assert.Equal(["data", "keep.csv"], Directory.EnumerateFileSystemEntries(_cli.Root).Select(Path.GetFileName).Order());
    }

    /// <summary>The sandbox's data folder, prepared the way the command line prepares it, with a scored churn score.</summary>
    private async Task SeedAsync(int rows)
    {
        var data = new DataFolder(_cli.DataPath);
        data.EnsureWritable();
        var store = StoreSettings.Resolve(null, null, data);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddScoreCockpitEngine(data, store);
        await using (var services = collection.BuildServiceProvider())
        {
            await services.PrepareCockpitStoreAsync(TestContext.Current.CancellationToken);
            await ExportScoresTests.SeedAsync(services, rows, TestContext.Current.CancellationToken);
        }

        using var connection = new SqliteConnection(store.ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public void Dispose() => _cli.Dispose();
}
