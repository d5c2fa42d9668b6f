using System.Globalization;
using System.Text;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse.Import;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

/// <summary>A file too big to hold casually, streamed from disk; its content is checked by sums computed while writing it.</summary>
public sealed class LargeCsvImportTests
{
    private const int Rows = 200_000;

    [Fact]
    public async Task Two_hundred_thousand_rows_import_whole_and_exact()
    {
        using var folder = new TempFolder();
        var path = folder.File("big.csv");
        var expected = await WriteAsync(path, Rows);
        await using var warehouse = await ImportWarehouse.CreateAsync();

        CsvImportResult result;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous))
        {
            result = await warehouse.ImportAsync(file, new CsvImportOptions("big"), false, TestContext.Current.CancellationToken);
        }

        Assert.Equal(Rows, result.RowsImported);
        Assert.Equal(
            [CsvColumnType.Integer, CsvColumnType.Double, CsvColumnType.Boolean, CsvColumnType.Date, CsvColumnType.Text],
            result.Columns.Select(c => c.Type));
        var actual = (await warehouse.RowsAsync(
            "SELECT COUNT(*), CAST(SUM(id) AS BIGINT), CAST(SUM(CAST(ROUND(amount * 100) AS BIGINT)) AS BIGINT), " +
            "COUNT(*) FILTER (WHERE active), CAST(SUM(LENGTH(name)) AS BIGINT), COUNT(name), " +
            "CAST(SUM(unicode(name)) AS BIGINT), MIN(day), MAX(day) FROM big"))[0];
        Assert.Equal(expected, actual.Select(v => v is DateOnly d ? (object)d : Convert.ToInt64(v, CultureInfo.InvariantCulture)));
    }

    /// <summary>Writes the file and returns what the checksum query must find.</summary>
    private static async Task<object[]> WriteAsync(string path, int rows)
    {
        long ids = 0, cents = 0, active = 0, nameLength = 0, names = 0, firstChars = 0;
        var first = new DateOnly(2020, 1, 1);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\r\n" };
        await writer.WriteLineAsync("id,amount,active,day,name");
        for (var i = 1; i <= rows; i++)
        {
            var amountCents = (i * 37L % 100_000) - 50_000;
            var name = (i % 13) switch
            {
                0 => null,
                1 => $"Smith, \"J\" {i}",
                2 => $"Line\nbreak {i}",
                _ => $"Zoë {i}",
            };
            ids += i;
            cents += amountCents;
            active += i % 3 == 0 ? 1 : 0;
            if (name is not null)
            {
                names++;
                nameLength += name.Length;
                firstChars += name[0];
            }

            var field = name is null ? "" : name.Contains(',') || name.Contains('\n') ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{i},{amountCents / 100.0:0.00},{(i % 3 == 0 ? "true" : "false")},{first.AddDays(i % 1000):yyyy-MM-dd},{field}"));
        }

        return [(long)rows, ids, cents, active, nameLength, names, firstChars, first, first.AddDays(999)];
    }
}
