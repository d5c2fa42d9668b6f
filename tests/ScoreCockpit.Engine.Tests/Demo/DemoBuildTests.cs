using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Tests.Support;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Demo;

/// <summary>Builds of their own (small) next to the shared one: determinism and the all-or-nothing swap.</summary>
[Collection(DemoWarehouseCollection.Name)]
public sealed class DemoBuildTests(DemoWarehouseFixture demo)
{
    [Fact]
    public async Task The_same_options_build_identical_tables_whatever_the_number_of_threads()
    {
        using var folder = new TempFolder();
        await using var session = await DemoWarehouseFixture.OpenAsync(folder, "again.duckdb");
        await session.ExecuteAsync("SET threads = 1");
        await DemoWarehouse.BuildAsync(session, DemoWarehouseFixture.Options);

        foreach (var table in demo.Info.Tables)
        {
            Assert.Equal(await DemoWarehouseFixture.ChecksumAsync(demo.Session, table), await DemoWarehouseFixture.ChecksumAsync(session, table));
        }
    }

    [Fact]
    public async Task Another_seed_builds_another_customer_base()
    {
        using var folder = new TempFolder();
        await using var session = await DemoWarehouseFixture.OpenAsync(folder, "other.duckdb");
        await DemoWarehouse.BuildAsync(session, DemoWarehouseFixture.Options with { Seed = 7 });

        Assert.NotEqual(await DemoWarehouseFixture.ChecksumAsync(demo.Session, "customers"), await DemoWarehouseFixture.ChecksumAsync(session, "customers"));
        Assert.NotEqual(await DemoWarehouseFixture.ChecksumAsync(demo.Session, "usage_202505"), await DemoWarehouseFixture.ChecksumAsync(session, "usage_202505"));
    }

    [Fact]
    public async Task An_interrupted_build_leaves_the_previous_demo_whole_and_a_new_one_replaces_all_its_tables()
    {
        using var folder = new TempFolder();
        await using var session = await DemoWarehouseFixture.OpenAsync(folder, "swap.duckdb");
        var first = new DemoOptions(new DateOnly(2026, 10, 31), Customers: 1_000, Months: 26);
        await DemoWarehouse.BuildAsync(session, first);
        var before = await DemoWarehouseFixture.ChecksumAsync(session, "usage_202602");

        using var cancel = new CancellationTokenSource();
        var stages = new List<string>();
        var interrupted = first with { Customers = 2_000, Seed = 99 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DemoWarehouse.BuildAsync(session, interrupted,
            new Stages(stage =>
            {
                stages.Add(stage);
                if (stage.StartsWith("usage_202603", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }
            }), cancel.Token));

        Assert.Contains(stages, s => s.StartsWith("usage_202603", StringComparison.Ordinal));
        Assert.Equal(first, (await DemoWarehouse.ReadInfoAsync(session))!.Options);
        Assert.Equal(before, await DemoWarehouseFixture.ChecksumAsync(session, "usage_202602"));
        Assert.Equal(1_000, await session.CountRowsAsync("customers"));
        Assert.Empty(await DemoWarehouseFixture.StringsAsync(session,
            "SELECT table_name FROM duckdb_tables() WHERE temporary OR table_name LIKE 'demo\\_stg\\_%' ESCAPE '\\'"));

        // A later, shorter window replaces the whole demo: the first build's oldest extracts go too.
        var second = new DemoOptions(new DateOnly(2026, 9, 30), Customers: 1_500, Months: 20);
        await DemoWarehouse.BuildAsync(session, second);
        var usage = await DemoWarehouseFixture.StringsAsync(session,
            "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'usage\\_%' ESCAPE '\\' ORDER BY 1");
        Assert.Equal(second.ReferenceDates().Select(DemoStory.UsageTable), usage);
        Assert.Equal(second, (await DemoWarehouse.ReadInfoAsync(session))!.Options);
        Assert.Equal(1_500, await session.CountRowsAsync("customers"));
    }

    private sealed class Stages(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
