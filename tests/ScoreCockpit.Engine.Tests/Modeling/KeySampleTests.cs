using System.Globalization;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Tests.Warehouse;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling;

/// <summary>The key sample's hash in each warehouse's SQL against its C# twin, and the order rows are read in.</summary>
public sealed class KeySampleTests(PostgresClusterFixture postgres)
{
    private static readonly string[] TextKeys = ["A-001", "café", "", "x y", "O'Brien", "日本-7"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_hash_is_the_first_13_hex_digits_of_md5_of_seed_colon_key()
    {
        // Pinned from an independent MD5: md5("42:1") = 590dd1ac9cf7c…, md5("7:café") = 259d6ada3b095… (UTF-8).
        Assert.Equal(0x590dd1ac9cf7cL, KeySample.Hash("1", 42));
        Assert.Equal(0x259d6ada3b095L, KeySample.Hash("café", 7));
        Assert.Equal(KeySample.HashRange, KeySample.Threshold(1));
        Assert.Equal(KeySample.HashRange / 4, KeySample.Threshold(0.25));
    }

    [Fact]
    public void A_fraction_keeps_about_that_share_of_keys()
    {
        var kept = Enumerable.Range(0, 100_000).Count(i => KeySample.Keeps(i.ToString(CultureInfo.InvariantCulture), 42, 0.2));

        Assert.InRange(kept, 19_500, 20_500);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_warehouse_computes_the_same_hash_as_csharp(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        await CreateKeysAsync(session);
        var dialect = session.Dialect;

        foreach (var (table, seed) in new[] { ("int_keys", 42), ("int_keys", -3), ("text_keys", 7) })
        {
            var hashes = new Dictionary<string, long>(StringComparer.Ordinal);
            var sql = $"SELECT CAST(k AS VARCHAR(40)), {dialect.KeySampleHash("k", seed)} FROM {table}";
            await using (var reader = await session.ReadAsync(RenderedSql.Plain(sql), Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    hashes[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                }
            }

            Assert.NotEmpty(hashes);
            Assert.All(hashes, h => Assert.Equal(KeySample.Hash(h.Key, seed), h.Value));
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_sampled_read_keeps_the_csharp_sample_in_hash_order(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        await CreateKeysAsync(session);

        var sql = TrainingRows.SampledSelect(session.Dialect, "int_keys", ["k"], "k", 42, 0.3)!;
        var read = new List<string>();
        await using (var reader = await session.ReadAsync(RenderedSql.Plain(sql), Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                read.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
            }
        }

        var expected = Enumerable.Range(1, 3000).Select(i => i.ToString(CultureInfo.InvariantCulture))
            .Where(k => KeySample.Keeps(k, 42, 0.3)).OrderBy(k => KeySample.Hash(k, 42)).ToList();
        Assert.Equal(expected, read);
    }

    [Fact]
    public void SQL_Server_hashes_the_text_bytes_and_Teradata_samples_in_memory()
    {
        Assert.Equal(
            "CAST(SUBSTRING(HASHBYTES('MD5', '42:' + CAST([k] AS VARCHAR(4000))), 1, 7) AS BIGINT) / 16",
            SqlServerDialect.Instance.KeySampleHash("[k]", 42));
        Assert.Null(TeradataDialect.Instance.KeySampleHash("\"k\"", 42));
        Assert.Null(TrainingRows.SampledSelect(TeradataDialect.Instance, "t", ["k"], "k", 42, 0.5));
    }

    private static async Task CreateKeysAsync(WarehouseSession session)
    {
        await session.ExecuteAsync("CREATE TABLE int_keys (k INTEGER)", Ct);
        await session.ExecuteAsync($"INSERT INTO int_keys SELECT * FROM generate_series(1, 3000)", Ct);
        await session.ExecuteAsync($"CREATE TABLE text_keys (k {session.Dialect.TextType(40)})", Ct);
        foreach (var key in TextKeys)
        {
            await session.ExecuteAsync($"INSERT INTO text_keys VALUES ({session.Dialect.TextLiteral(key)})", Ct);
        }
    }
}
