using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Demo;

/// <summary>One small demo warehouse (a real DuckDB file in a temp folder), built once for the demo tests.</summary>
public sealed class DemoWarehouseFixture : IAsyncLifetime
{
    public static readonly DemoOptions Options = new(new DateOnly(2026, 10, 31), Customers: 10_000);

    private readonly TempFolder _folder = new();

    public WarehouseSession Session { get; private set; } = null!;

    public DemoInfo Info { get; private set; } = null!;

    public IReadOnlyList<DateOnly> Dates { get; } = Options.ReferenceDates();

    public async ValueTask InitializeAsync()
    {
        Session = await OpenAsync(_folder, "warehouse.duckdb");
        Info = await DemoWarehouse.BuildAsync(Session, Options);
    }

    public static Task<WarehouseSession> OpenAsync(TempFolder folder, string file) =>
        new WarehouseConnector(NullLogger<WarehouseConnector>.Instance).OpenAsync(
            WarehouseConnectionInfo.Demo(new DataFolder(folder.Path)) with { ConnectionString = $"Data Source={folder.File(file)}" });

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        _folder.Dispose();
    }

    public Task<double> DoubleAsync(string sql) => DoubleAsync(Session, sql);

    public Task<long> LongAsync(string sql) => LongAsync(Session, sql);

    public static async Task<double> DoubleAsync(WarehouseSession session, string sql) =>
        Convert.ToDouble(await session.ScalarAsync(RenderedSql.Plain(sql)), CultureInfo.InvariantCulture);

    public static async Task<long> LongAsync(WarehouseSession session, string sql) =>
        Convert.ToInt64(await session.ScalarAsync(RenderedSql.Plain(sql)), CultureInfo.InvariantCulture);

    public static async Task<List<string>> StringsAsync(WarehouseSession session, string sql)
    {
        var values = new List<string>();
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql));
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>An order-independent fingerprint of a table's rows.</summary>
    public static async Task<string> ChecksumAsync(WarehouseSession session, string table) =>
        Convert.ToString(await session.ScalarAsync(RenderedSql.Plain(
            $"SELECT count(*) || ':' || coalesce(CAST(sum(CAST(hash(t) AS HUGEINT)) AS VARCHAR), '') FROM \"{table}\" AS t")),
            CultureInfo.InvariantCulture)!;

    public string Usage(int month) => DemoStory.UsageTable(Dates[month - 1]);
}

[CollectionDefinition(Name)]
public sealed class DemoWarehouseCollection : ICollectionFixture<DemoWarehouseFixture>
{
    public const string Name = "Demo warehouse";
}
