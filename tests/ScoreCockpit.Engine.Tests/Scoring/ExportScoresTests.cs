using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Scoring.Export;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Import;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Import;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scoring;

/// <summary>Downloads of a score's output table: CSV and XLSX ordered by rank, sheets split, clear refusals.</summary>
public sealed class ExportScoresTests(PostgresClusterFixture postgres)
{
    public static readonly DateOnly February = new(2026, 2, 28);
    public static readonly DateOnly January = new(2026, 1, 31);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A churn score whose output table holds <paramref name="rows"/> customers on 28 February (written in reverse rank
    /// order, so only ORDER BY gives the ranks; rank 1 has a comma, quotes and an accent, rank 2 a leading zero) and 5 on 31 January.
    /// </summary>
    internal static async Task SeedAsync(IServiceProvider services, int rows, CancellationToken ct)
    {
        await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Actor.System, ct);
        await using var session = await services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, ct);
        await session.ExecuteAsync(ScoreOutput.CreateTable(session, "scores_churn", "customer_id"), ct);
        await session.ExecuteAsync(
            "INSERT INTO scores_churn SELECT CASE i WHEN 1 THEN 'Zoë, \"VIP\"' WHEN 2 THEN '00042' ELSE 'c' || i END, " +
            $"1 - i / ({rows} + 1.0) / 3, i, CAST(ceil(i * 10.0 / {rows}) AS INTEGER), 100.0 * ({rows} - i + 1) / {rows}, 3, DATE '2026-02-28' " +
            $"FROM range({rows}, 0, -1) t(i)", ct);
        await session.ExecuteAsync(
            "INSERT INTO scores_churn SELECT 'j' || i, 0.5, i, i * 2, 100 - i * 20, 2, DATE '2026-01-31' FROM range(1, 6) t(i)", ct);
    }

    [Fact]
    public async Task Csv_is_the_latest_date_ordered_by_rank_with_a_bom_and_quoted_fields()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await SeedAsync(store.Services, 50, Ct);
        var handler = store.Get<ExportScoresHandler>();
        using var file = new MemoryStream();

        var export = await handler.HandleAsync(new ExportScores("churn", ScoreFileFormat.Csv), file, Ct);

        Assert.Equal((February, 50L, "churn-scores-2026-02-28.csv"), (export.Date, export.Rows, export.FileName));
        var bytes = file.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("customer_id,score,score_rank,decile,percentile,version,reference_date", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal((await TableAsync(store, February)).Select(Csv), lines[1..^1]);
        Assert.StartsWith("\"Zoë, \"\"VIP\"\"\",0.993464052287", lines[1], StringComparison.Ordinal);
        Assert.Equal("00042,0.9869281045751634,2,1,98,3,2026-02-28", lines[2]);

        file.SetLength(0);
        await handler.HandleAsync(new ExportScores("churn", ScoreFileFormat.Csv, January), file, Ct);
        Assert.Equal(6, Encoding.UTF8.GetString(file.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task French_csv_has_semicolons_decimal_commas_and_a_bom_and_imports_back_to_the_same_numbers()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await SeedAsync(store.Services, 50, Ct);
        using var file = new MemoryStream();

        var export = await store.Get<ExportScoresHandler>().HandleAsync(
            new ExportScores("churn", ScoreFileFormat.Csv, Csv: CsvConvention.French), file, Ct);

        Assert.Equal("churn-scores-2026-02-28.csv", export.FileName);
        var bytes = file.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("customer_id;score;score_rank;decile;percentile;version;reference_date", lines[0]);
        Assert.StartsWith("\"Zoë, \"\"VIP\"\"\";0,993464052287", lines[1], StringComparison.Ordinal);
        Assert.Equal("00042;0,9869281045751634;2;1;98;3;2026-02-28", lines[2]);

        // Round trip: the import reads the decimal commas back (semicolons) to the very same doubles.
        await using var warehouse = await ImportWarehouse.CreateAsync();
        var imported = await warehouse.ImportAsync(bytes, new CsvImportOptions("back"));
        Assert.Equal("comma (the file uses semicolons)", imported.Decimal.Describe());
        var rows = await warehouse.RowsAsync("SELECT customer_id, score, score_rank, decile, percentile, version, reference_date FROM back ORDER BY score_rank");
        Assert.Equal(await TableAsync(store, February), rows.Select(r => new Line((string)r[0]!, (double)r[1]!, (long)r[2]!,
            (int)(long)r[3]!, Convert.ToDouble(r[4], CultureInfo.InvariantCulture), (int)(long)r[5]!, ScoreRows.Date(r[6]!))));
    }

    [Fact]
    public void Csv_conventions_follow_the_culture_and_refuse_unknown_names()
    {
        Assert.Same(CsvConvention.French, CsvConvention.ForCulture(CultureInfo.GetCultureInfo("fr-BE")));
        Assert.Same(CsvConvention.Invariant, CsvConvention.ForCulture(CultureInfo.GetCultureInfo("en-GB")));
        Assert.Same(CsvConvention.French, CsvConvention.Parse(" FR"));
        Assert.Equal("The CSV culture 'de' is not offered: choose one of fr, invariant.",
            Assert.Throws<CockpitValidationException>(() => CsvConvention.Parse("de")).Message);
    }

    [Fact]
    public async Task Xlsx_has_the_header_every_row_and_numbers_as_numbers()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await SeedAsync(store.Services, 50, Ct);
        using var file = new MemoryStream();

        var export = await store.Get<ExportScoresHandler>().HandleAsync(new ExportScores("churn", ScoreFileFormat.Xlsx), file, Ct);

        Assert.Equal("churn-scores-2026-02-28.xlsx", export.FileName);
        using var book = new XLWorkbook(new MemoryStream(file.ToArray()));
        var sheet = Assert.Single(book.Worksheets);
        Assert.Equal("scores", sheet.Name);
        Assert.Equal(["customer_id", "score", "score_rank", "decile", "percentile", "version", "reference_date"],
            Enumerable.Range(1, 7).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(51, sheet.LastRowUsed().RowNumber());
        // ClosedXML 0.95 reads numbers back to 15 significant digits; the file holds them to the last bit (checked by hand).
        Assert.Equal((await TableAsync(store, February)).Select(r => r with { Score = Math.Round(r.Score, 12) }),
            Enumerable.Range(2, 50).Select(r => FromSheet(sheet.Row(r))));
        Assert.Equal("00042", sheet.Cell(3, 1).GetString());
        Assert.Equal(XLDataType.Text, sheet.Cell(3, 1).DataType);
        Assert.All(Enumerable.Range(2, 5), c => Assert.Equal(XLDataType.Number, sheet.Cell(2, c).DataType));
        Assert.Equal(0.9934640522875817, sheet.Cell(2, 2).GetDouble(), 12);
        Assert.Equal((XLDataType.DateTime, new DateTime(2026, 2, 28)), (sheet.Cell(2, 7).DataType, sheet.Cell(2, 7).GetDateTime()));
        // The cockpit's one date style, not the reader's locale nor a time of day.
        Assert.Equal(CockpitDates.Iso.ExcelDay, sheet.Cell(2, 7).Style.NumberFormat.Format);
    }

    [Fact]
    public async Task Xlsx_continues_on_a_new_sheet_at_the_row_limit()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await SeedAsync(store.Services, 2_500, Ct);
        var handler = store.Get<ExportScoresHandler>();
        var export = await handler.PrepareAsync(new ExportScores("churn", ScoreFileFormat.Xlsx), Ct);
        using var file = new MemoryStream();

        Assert.Equal(2_500, await handler.WriteAsync(export, file, sheetRows: 1_000, Ct));

        using var book = new XLWorkbook(new MemoryStream(file.ToArray()));
        Assert.Equal(["scores", "scores 2", "scores 3"], book.Worksheets.Select(s => s.Name));
        Assert.Equal([1_001, 1_001, 501], book.Worksheets.Select(s => s.LastRowUsed().RowNumber()));
        Assert.All(book.Worksheets, s => Assert.Equal("score_rank", s.Cell(1, 3).GetString()));
        var ranks = book.Worksheets.SelectMany(s => s.Rows(2, s.LastRowUsed().RowNumber()).Select(r => r.Cell(3).GetValue<long>()));
        Assert.Equal(Enumerable.Range(1, 2_500).Select(i => (long)i), ranks);
    }

    [Fact]
    public async Task Refusals_say_what_to_do()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var handler = store.Get<ExportScoresHandler>();

        var unknown = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.PrepareAsync(new ExportScores("nope", ScoreFileFormat.Csv), Ct));
        Assert.Equal("There is no score named 'nope'.", unknown.Message);

        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("renewal")), Actor.System, Ct);
        var unscored = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.PrepareAsync(new ExportScores("renewal", ScoreFileFormat.Xlsx), Ct));
        Assert.Contains("renewal has no scores yet (no table scores_renewal", unscored.Message, StringComparison.Ordinal);
        Assert.EndsWith("score the customers first.", unscored.Message, StringComparison.Ordinal);

        await SeedAsync(store.Services, 10, Ct);
        var missing = await Assert.ThrowsAsync<CockpitValidationException>(
            () => handler.PrepareAsync(new ExportScores("churn", ScoreFileFormat.Csv, new DateOnly(2025, 12, 31)), Ct));
        Assert.Equal("churn has no scores for 2025-12-31. Dates available: 2026-01-31, 2026-02-28.", missing.Message);

        Assert.Equal(ScoreFileFormat.Xlsx, ScoreFileFormats.Parse(" XLSX"));
        Assert.Contains("choose csv or xlsx", Assert.Throws<CockpitValidationException>(() => ScoreFileFormats.Parse("xls")).Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", Assert.Throws<CockpitValidationException>(() => ScoreFileFormats.ParseDate("28/02/2026")).Message, StringComparison.Ordinal);
    }

    /// <summary>The table's rows for a date, ordered by rank, read independently of the exporter.</summary>
    private static async Task<List<Line>> TableAsync(TestStore store, DateOnly date)
    {
        await using var session = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct);
        await using var reader = await session.ReadAsync(RenderedSql.Plain(
            $"SELECT * FROM scores_churn WHERE reference_date = DATE '{date:yyyy-MM-dd}' ORDER BY score_rank"), Ct);
        var lines = new List<Line>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(new Line(reader.GetString(0), reader.GetDouble(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetDouble(4),
                reader.GetInt32(5), date));
        }

        return lines;
    }

    private static string Csv(Line r)
    {
        var key = r.Key.Contains(',', StringComparison.Ordinal) ? $"\"{r.Key.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : r.Key;
        return string.Create(CultureInfo.InvariantCulture,
            $"{key},{r.Score:R},{r.Rank},{r.Decile},{r.Percentile:R},{r.Version},{r.Date:yyyy-MM-dd}");
    }

    private static Line FromSheet(IXLRow row) => new(row.Cell(1).GetString(), Math.Round(row.Cell(2).GetDouble(), 12),
        row.Cell(3).GetValue<long>(), row.Cell(4).GetValue<int>(), row.Cell(5).GetDouble(), row.Cell(6).GetValue<int>(),
        DateOnly.FromDateTime(row.Cell(7).GetDateTime()));

    private sealed record Line(string Key, double Score, long Rank, int Decile, double Percentile, int Version, DateOnly Date);
}
