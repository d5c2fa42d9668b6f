using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Tests.Shared.Workbench;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>
/// A new score from one's own data to a monthly history, headless: the CSV imported, the definition saved from a file,
/// every snapshot built in one command, the history backfilled, the forward table read as JSON, and the definition
/// round-tripped through `scores show` and `scores save --replace` byte for byte.
/// </summary>
public sealed class WorkbenchCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    [Fact]
    public async Task A_csv_becomes_a_score_with_a_monthly_forward_history_from_the_command_line()
    {
        var csv = Path.Combine(_cli.Root, "offers.csv");
        await File.WriteAllTextAsync(csv, OffersCsv.Text(), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await _cli.RunAsync("", "import-csv", csv, "--table", OffersCsv.Table)).ExitCode);
        var definition = Path.Combine(_cli.Root, "offers.score.json");
        await File.WriteAllTextAsync(definition, ScoreDefinitionJson.Write(new ScoreDefinition
        {
            Name = "offers",
            DataprepSql = OffersCsv.Dataprep,
            KeyColumn = "customer_id",
            TargetColumn = "responded",
            ReferenceDateColumn = "ref_date",
            HorizonMonths = 0,
            ReferenceDates = new ReferenceDateRule { Kind = ReferenceDateKind.Column, Table = OffersCsv.Table },
        }), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await _cli.RunAsync("", "scores", "save", definition)).ExitCode);

        // Bad ranges are refused with the reason, and nothing is built.
        var backwards = await _cli.RunAsync("", "snapshots", "build", "offers", "--from", "2025-12-31", "--to", "2025-01-31");
        Assert.Equal((ExitCodes.BadInput, true), (backwards.ExitCode, backwards.Error.Contains("after it ends on 2025-01-31", StringComparison.Ordinal)));
        var outside = await _cli.RunAsync("", "snapshots", "build", "offers", "--from", "2020-01-01", "--to", "2020-12-31");
        Assert.Contains("The data has dates from 2024-01-31 to 2025-12-31", outside.Error, StringComparison.Ordinal);

        var built = await _cli.RunAsync("", "snapshots", "build", "offers", "--from", "2024-01-01", "--to", "2025-12-31");
        Assert.Equal(0, built.ExitCode);
        Assert.Equal("offers: 24 snapshot(s) built.", built.Output.Trim());
        var listed = JsonDocument.Parse((await _cli.RunAsync("", "snapshots", "list", "offers", "--json")).Output).RootElement;
        Assert.Equal(OffersCsv.Dates.Reverse().Select(Iso), listed.EnumerateArray().Select(s => s.GetProperty("date").GetString()));

        var backfill = await _cli.RunAsync("", "backfill", "offers", "--from", "2024-01-31", "--to", "2025-12-31");
        Assert.Equal(0, backfill.ExitCode);
        Assert.StartsWith("Backfilled offers: 23 version(s)", backfill.Output, StringComparison.Ordinal);

        // Each month from March 2024 is scored by the version trained as of the month before, and its forward AUC is the
        // stored forward evaluation of that version on that date.
        var stored = JsonDocument.Parse((await _cli.RunAsync("", "evaluations", "offers", "--json")).Output).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "forward")
            .ToDictionary(e => (e.GetProperty("version").GetInt32(), e.GetProperty("date").GetString()!), e => e.GetProperty("auc").GetDouble());
        var forward = JsonDocument.Parse((await _cli.RunAsync("", "evaluations", "offers", "--forward", "--json")).Output).RootElement.EnumerateArray().ToList();
        var scored = forward.Where(r => r.GetProperty("auc").ValueKind == JsonValueKind.Number).ToList();
        Assert.Equal(OffersCsv.Dates.Skip(2).Select(Iso).Order(), scored.Select(r => r.GetProperty("date").GetString()).Order());
        foreach (var row in scored)
        {
            var (version, date) = (row.GetProperty("version").GetInt32(), row.GetProperty("date").GetString()!);
            Assert.Equal(OffersCsv.Dates.Select(Iso).ToList().IndexOf(date) - 1, version);
            Assert.Equal(stored[(version, date)], row.GetProperty("auc").GetDouble());
        }

        // The definition goes out and back in unchanged.
        var shown = await _cli.RunAsync("", "scores", "show", "offers");
        var copy = Path.Combine(_cli.Root, "shown.json");
        await File.WriteAllTextAsync(copy, shown.Output, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await _cli.RunAsync("", "scores", "save", copy, "--replace")).ExitCode);
        Assert.Equal(shown.Output, (await _cli.RunAsync("", "scores", "show", "offers")).Output);

        var deleted = await _cli.RunAsync("", "snapshots", "delete", "offers", "--date", "2024-06-30");
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal(23, JsonDocument.Parse((await _cli.RunAsync("", "snapshots", "list", "offers", "--json")).Output).RootElement.GetArrayLength());
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => _cli.Dispose();
}
