using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Import;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>
/// The literal batches SQL Server and Teradata receive, run on the warehouses at hand: what the writer sends must come
/// back value for value, quotes, non-ASCII text and NULLs included, across request boundaries.
/// </summary>
public sealed class LiteralBatchWriterTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Rows_written_as_literal_batches_read_back_unchanged(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        var d = session.Dialect;
        await session.ExecuteAsync(d.CreateTable("staged", [$"{d.QuoteIdentifier("n")} {d.IntegerType}", $"{d.QuoteIdentifier("v")} {d.TextType()}"]), Ct);
        // More rows than one request carries, so the writer flushes in the middle and at the end.
        var values = Enumerable.Range(0, LiteralBatchWriter.MaxRows + 7)
            .Select(i => (i % 4) switch { 0 => null, 1 => $"O'Brien {i}", 2 => $"Zoë -- {i}; DROP", _ => $"{i}" })
            .ToList();

        await using (var writer = StagingWriter.Create(session, "staged", ["n", "v"], StagingWay.Literals))
        {
            for (var i = 0; i < values.Count; i++)
            {
                await writer.WriteAsync([i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]], Ct);
            }

            await writer.CompleteAsync(Ct);
        }

        var read = new List<string?>();
        await using (var reader = await session.ReadAsync(RenderedSql.Plain("SELECT v FROM staged ORDER BY n"), Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                read.Add(await reader.IsDBNullAsync(0, Ct) ? null : reader.GetString(0));
            }
        }

        Assert.Equal(values, read);
    }
}
