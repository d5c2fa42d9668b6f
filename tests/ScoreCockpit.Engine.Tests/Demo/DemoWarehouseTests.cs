using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Demo;

[Collection(DemoWarehouseCollection.Name)]
public sealed class DemoWarehouseTests(DemoWarehouseFixture demo)
{
    [Fact]
    public async Task Builds_customers_events_one_extract_per_month_and_demo_info_and_nothing_else()
    {
        var tables = await DemoWarehouseFixture.StringsAsync(demo.Session,
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name");
        string[] fixedTables = ["customers", "demo_info", "events"];
        var expected = fixedTables.Concat(demo.Dates.Select(DemoStory.UsageTable)).Order(StringComparer.Ordinal);

        Assert.Equal(expected, tables);
        Assert.Equal("usage_202405", demo.Usage(1));
        Assert.Equal("usage_202610", demo.Usage(30));
        Assert.Equal(10_000, await demo.Session.CountRowsAsync("customers"));
        Assert.Empty(await DemoWarehouseFixture.StringsAsync(demo.Session,
            "SELECT table_name FROM duckdb_tables() WHERE temporary UNION ALL " +
            "SELECT function_name FROM duckdb_functions() WHERE function_name LIKE 'demo\\_%' ESCAPE '\\'"));
    }

    [Fact]
    public async Task Demo_info_describes_the_build()
    {
        var info = await DemoWarehouse.ReadInfoAsync(demo.Session);

        Assert.NotNull(info);
        Assert.Equal(DemoWarehouse.GeneratorVersion, info.GeneratorVersion);
        Assert.Equal(DemoWarehouseFixture.Options, info.Options);
        Assert.Equal(new DateOnly(2024, 5, 31), info.FirstReferenceDate);
        Assert.Equal(32, info.Tables.Count);
    }

    [Fact]
    public async Task Every_month_has_its_active_base_and_the_incident_month_lost_about_30_percent()
    {
        var rows = new List<long>();
        foreach (var month in Enumerable.Range(1, 30))
        {
            rows.Add(await demo.Session.CountRowsAsync(demo.Usage(month)));
        }

        for (var month = 2; month < 30; month++)
        {
            if (Math.Abs(month - DemoStory.IncidentMonth) == 1)
            {
                continue; // A neighbour of the incident month.
            }

            var neighbours = (rows[month - 2] + rows[month]) / 2.0;
            var ratio = rows[month - 1] / neighbours;
            if (month == DemoStory.IncidentMonth)
            {
                Assert.InRange(ratio, 0.65, 0.75);
            }
            else
            {
                Assert.InRange(ratio, 0.97, 1.03);
            }
        }

        Assert.InRange(rows[0], 7_000, 8_500);
        Assert.InRange(rows[29], 5_500, rows[0]);
    }

    [Fact]
    public async Task The_new_column_appears_in_month_18_and_the_old_one_is_gone_from_month_24()
    {
        async Task<List<string>> Columns(int month) =>
            (await demo.Session.TableColumnsAsync(demo.Usage(month))).Select(c => c.Name).ToList();

        Assert.DoesNotContain(DemoStory.NewColumn, await Columns(17));
        Assert.Contains(DemoStory.NewColumn, await Columns(18));
        Assert.Contains(DemoStory.DroppedColumn, await Columns(23));
        Assert.DoesNotContain(DemoStory.DroppedColumn, await Columns(24));
        Assert.Equal((await Columns(17)).Count, (await Columns(24)).Count);
        Assert.Equal(typeof(bool), (await demo.Session.TableColumnsAsync(demo.Usage(30))).Single(c => c.Name == DemoStory.NewColumn).ClrType);
    }

    [Fact]
    public async Task Churned_customers_vanish_from_later_extracts_and_have_no_later_events()
    {
        var extracts = string.Join(" UNION ALL ", Enumerable.Range(1, 30).Select(m => $"SELECT customer_id, month_end FROM {demo.Usage(m)}"));
        var churns = "SELECT customer_id, event_date FROM events WHERE event_type = 'churn'";

        Assert.InRange(await demo.LongAsync($"SELECT count(*) FROM ({churns})"), 1_500, 5_000);
        Assert.Equal(0, await demo.LongAsync($"SELECT count(*) FROM ({extracts}) u JOIN ({churns}) c USING (customer_id) WHERE u.month_end >= c.event_date"));
        Assert.Equal(0, await demo.LongAsync(
            $"SELECT count(*) FROM events e JOIN ({churns}) c USING (customer_id) WHERE e.event_date > c.event_date"));
        Assert.Equal(0, await demo.LongAsync("SELECT count(*) - count(DISTINCT customer_id) FROM events WHERE event_type = 'churn'"));
        // Churners were active at the month-end before they left (the incident month excepted).
        Assert.Equal(0, await demo.LongAsync(
            $"SELECT count(*) FROM ({churns}) c JOIN customers s USING (customer_id) " +
            $"WHERE last_day(c.event_date - INTERVAL 1 MONTH) >= s.signup_date AND c.event_date > DATE '2024-06-01' " +
            $"AND last_day(c.event_date - INTERVAL 1 MONTH) <> DATE '2026-01-31' " +
            $"AND NOT EXISTS (SELECT 1 FROM ({extracts}) u WHERE u.customer_id = c.customer_id AND u.month_end = last_day(c.event_date - INTERVAL 1 MONTH))"));
    }

    [Fact]
    public async Task Events_stop_at_the_last_reference_date_and_have_known_types()
    {
        var last = Assert.IsType<DateOnly>(await demo.Session.ScalarAsync(RenderedSql.Plain("SELECT max(event_date) FROM events")));
        Assert.InRange(last, new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 31));
        Assert.Equal(["churn", "option_added", "renewal"], await DemoWarehouseFixture.StringsAsync(demo.Session,
            "SELECT DISTINCT event_type FROM events ORDER BY 1"));
        Assert.Equal(0, await demo.LongAsync("SELECT count(*) FROM events WHERE event_date > DATE '2026-10-31'"));
        Assert.Equal(0, await demo.LongAsync(
            $"SELECT count(*) FROM events WHERE detail = 'competitor offer' AND event_date <= DATE '{demo.Dates[DemoStory.DriftMonth - 2]:yyyy-MM-dd}'"));
        Assert.True(await demo.LongAsync("SELECT count(*) FROM events WHERE detail = 'competitor offer'") > 100);
    }
}
