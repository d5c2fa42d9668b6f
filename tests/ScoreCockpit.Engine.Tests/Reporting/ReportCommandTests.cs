using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Cli;
using ScoreCockpit.Engine.Tests.Support;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Reporting;

/// <summary>`scorecockpit report`: a whole, valid workbook or nothing; bad input exits 2 with one clear line.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    private string Out(string name) => Path.Combine(_cli.Root, name);

    [Fact]
    public async Task Writes_the_report_of_a_score()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("", "report", "churn", "--out", Out("churn.xlsx"));

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.StartsWith($"Wrote the churn report to {Out("churn.xlsx")} (", result.Output, StringComparison.Ordinal);
        using var book = new XLWorkbook(Out("churn.xlsx"));
        Assert.Equal("churn — score report", book.Worksheet("Cover").Cell(1, 1).GetString());
        Assert.Equal(["churn.xlsx", "data"], Directory.EnumerateFileSystemEntries(_cli.Root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task An_unknown_score_or_folder_exits_2_and_leaves_the_previous_file_alone()
    {
        await SeedAsync();
        await File.WriteAllTextAsync(Out("keep.xlsx"), "previous", TestContext.Current.CancellationToken);

        // As cron runs it: the built command line in its own process.
        var unknown = await CliProcess.RunAsync(["--data", _cli.DataPath, "report", "nope", "--out", Out("keep.xlsx")]);
        var folder = await _cli.RunAsync("", "report", "churn", "--out", Out("missing/x.xlsx"));
        var missingOut = await _cli.RunAsync("", "report", "churn");

        Assert.Equal((2, "error: There is no score named 'nope'."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("does not exist", folder.Error, StringComparison.Ordinal);
        Assert.Equal(1, missingOut.ExitCode);
        Assert.Equal("previous", await File.ReadAllTextAsync(Out("keep.xlsx"), TestContext.Current.CancellationToken));
        Assert.Equal(["data", "keep.xlsx"], Directory.EnumerateFileSystemEntries(_cli.Root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Writes_the_report_in_french_with_culture_fr_and_refuses_an_unsupported_culture()
    {
        await SeedAsync();

        var french = await _cli.RunAsync("", "report", "churn", "--out", Out("fr.xlsx"), "--culture", "fr");
        var german = await _cli.RunAsync("", "report", "churn", "--out", Out("de.xlsx"), "--culture", "de");

        Assert.Equal((0, ""), (french.ExitCode, french.Error));
        using (var book = new XLWorkbook(Out("fr.xlsx")))
        {
            Assert.Equal("churn — rapport du score", book.Worksheet("Page de garde").Cell(1, 1).GetString());
            Assert.Equal("Pas de données", book.Worksheet("Page de garde").Column(1).CellsUsed()
                .Single(c => c.GetString() == "Santé").CellRight().GetString());
        }

        Assert.Equal(2, german.ExitCode);
        Assert.Equal(
            "error: --culture = 'de' is not a supported culture. Supported: en (English), fr (français) (a region such as fr-FR or en-US is accepted).",
            german.Error.Trim());
        Assert.False(File.Exists(Out("de.xlsx")));
    }

    /// <summary>The sandbox's data folder, prepared the way the command line prepares it, with one score (no versions yet).</summary>
    private async Task SeedAsync()
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
            await services.GetRequiredService<CreateScoreHandler>().HandleAsync(
                new CreateScore(TestDefinitions.Sample("churn")), Actor.System, TestContext.Current.CancellationToken);
        }

        using var connection = new SqliteConnection(store.ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public void Dispose() => _cli.Dispose();
}
