using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>Sessions, templates and the dialects against real DuckDB and PostgreSQL.</summary>
public sealed class WarehouseSessionTests(PostgresClusterFixture postgres)
{
    private const string GoldSince =
        "SELECT customer_id, name FROM customers WHERE signup_date >= ${since} AND balance > ${min_balance} AND segment = ${segment}";

    private static readonly Dictionary<string, Variable> GoldVariables = new(StringComparer.Ordinal)
    {
        ["since"] = Variable.Date("since", new DateOnly(2025, 1, 1)),
        ["min_balance"] = new("min_balance", VariableType.Decimal, "100"),
        ["segment"] = new("segment", VariableType.Text, "gold"),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_query_binds_date_decimal_and_text_variables_as_parameters(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();

        var rendered = SqlTemplate.Render(GoldSince + " ORDER BY customer_id", GoldVariables, session.Dialect);
        var rows = new List<(int Id, string Name)>();
        await using (var reader = await session.ReadAsync(rendered, Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1)));
            }
        }

        Assert.Equal(3, rendered.Parameters.Count);
        Assert.DoesNotContain("2025-01-01", rendered.Sql, StringComparison.Ordinal);
        Assert.Equal([(1, "Ada"), (3, "Cleo")], rows);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_bound_date_stays_a_date(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        var variables = new Dictionary<string, Variable> { ["date_ref"] = Variable.Date("date_ref", new DateOnly(2026, 3, 1)) };

        // Bound as a timestamp, "date - integer" would not even type-check on either warehouse.
        var rendered = SqlTemplate.Render("SELECT ${date_ref} - 1 AS day_before", variables, session.Dialect);
        var columns = await session.ColumnsAsync(rendered, Ct);

        Assert.Single(rendered.Parameters);
        Assert.Equal(typeof(DateOnly), Assert.Single(columns).ClrType);
        Assert.Equal(new DateOnly(2026, 2, 28), ToDate(await session.ScalarAsync(rendered, Ct)));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Create_table_as_runs_with_literals(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();

        var select = SqlTemplate.RenderLiterals(GoldSince + " -- a trailing comment", GoldVariables, session.Dialect);
        await session.ExecuteAsync(session.Dialect.CreateTableAs("gold_customers", select.Sql), Ct);

        Assert.Empty(select.Parameters);
        Assert.Contains("DATE '2025-01-01'", select.Sql, StringComparison.Ordinal);
        Assert.Equal(2, await session.CountRowsAsync("gold_customers", Ct));
        Assert.Equal(["customer_id", "name"], (await session.TableColumnsAsync("gold_customers", Ct)).Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Negative_numbers_and_integers_inside_names_reach_the_warehouse_intact(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();
        await session.ExecuteAsync(session.Dialect.CreateTableAs("usage_202601", "SELECT customer_id FROM customers"), Ct);
        var variables = new Dictionary<string, Variable>
        {
            ["yyyymm"] = Variable.Integer("yyyymm", 202601),
            ["n"] = Variable.Integer("n", -1),
        };

        // Written without parentheses, 10-${n} would be "10--1": the comment would leave 10 and drop the FROM.
        var rendered = SqlTemplate.Render("SELECT 10-${n} FROM usage_${yyyymm} WHERE customer_id = 1", variables, session.Dialect);

        Assert.Equal(11, Convert.ToInt32(await session.ScalarAsync(rendered, Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Columns_are_reported_with_names_and_clr_types_without_reading_rows(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();

        var query = SqlTemplate.Render(
            "SELECT customer_id, name, signup_date, balance FROM customers WHERE signup_date >= ${since} -- probe", GoldVariables,
            session.Dialect);
        var columns = await session.ColumnsAsync(query, Ct);
        var table = await session.TableColumnsAsync("customers", Ct);

        Assert.Equal(
            [("customer_id", typeof(int)), ("name", typeof(string)), ("signup_date", typeof(DateOnly)), ("balance", typeof(decimal))],
            columns.Select(c => (c.Name, c.ClrType)));
        Assert.Equal(["customer_id", "name", "signup_date", "balance", "segment"], table.Select(c => c.Name));
        Assert.All(table, c => Assert.False(string.IsNullOrEmpty(c.DatabaseType)));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task ReplaceTable_swaps_the_staging_table_in_atomically(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();
        var dialect = session.Dialect;

        // The first time there is no target yet.
        await session.ExecuteAsync(dialect.CreateTableAs("scores_staging", "SELECT customer_id FROM customers WHERE customer_id <= 2"), Ct);
        await session.ExecuteAtomicallyAsync(dialect.ReplaceTable("scores_staging", "scores"), Ct);
        Assert.Equal(2, await session.CountRowsAsync("scores", Ct));

        await session.ExecuteAsync(dialect.CreateTableAs("scores_staging", "SELECT customer_id, 0.5 AS score FROM customers"), Ct);
        await session.ExecuteAtomicallyAsync(dialect.ReplaceTable("scores_staging", "scores"), Ct);

        Assert.Equal(TestWarehouse.CustomerCount, await session.CountRowsAsync("scores", Ct));
        Assert.Equal(["customer_id", "score"], (await session.TableColumnsAsync("scores", Ct)).Select(c => c.Name));
        Assert.False(await session.TableExistsAsync("scores_staging", Ct));
        await using var other = await warehouse.OpenAsync();
        Assert.Equal(TestWarehouse.CustomerCount, await other.CountRowsAsync("scores", Ct));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_failed_swap_leaves_the_previous_table_in_place(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();
        await session.ExecuteAsync(session.Dialect.CreateTableAs("scores", "SELECT customer_id FROM customers"), Ct);

        // The staging table was never written: the rename fails after the drop, inside the same transaction.
        await Assert.ThrowsAsync<WarehouseException>(() => session.ExecuteAtomicallyAsync(session.Dialect.ReplaceTable("scores_staging", "scores"), Ct));

        Assert.Equal(TestWarehouse.CustomerCount, await session.CountRowsAsync("scores", Ct));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_reader_never_sees_the_table_missing_while_it_is_swapped(WarehouseKind kind)
    {
        const int Swaps = 15;
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var writer = await warehouse.OpenWithCustomersAsync();
        await writer.ExecuteAsync(writer.Dialect.CreateTableAs("scores", "SELECT customer_id FROM customers"), Ct);
        await using var reader = await warehouse.OpenAsync();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var reads = Task.Run(async () =>
        {
            var counts = new List<long>();
            while (!done.IsCancellationRequested)
            {
                counts.Add(await reader.CountRowsAsync("scores", Ct));
                reading.TrySetResult();
            }

            return counts;
        }, Ct);
        await reading.Task.WaitAsync(Ct);
        for (var i = 1; i <= Swaps; i++)
        {
            await writer.ExecuteAsync(writer.Dialect.CreateTableAs("scores_staging", "SELECT customer_id FROM customers"), Ct);
            await writer.ExecuteAtomicallyAsync(writer.Dialect.ReplaceTable("scores_staging", "scores"), Ct);
        }

        await done.CancelAsync();
        var counts = await reads;

        Assert.NotEmpty(counts);
        Assert.All(counts, count => Assert.Equal(TestWarehouse.CustomerCount, count));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task CountRows_and_TableExists_answer_for_present_and_missing_tables(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();

        Assert.Equal(TestWarehouse.CustomerCount, await session.CountRowsAsync("customers", Ct));
        Assert.True(await session.TableExistsAsync("customers", Ct));
        Assert.False(await session.TableExistsAsync("nobody", Ct));
        await session.ExecuteAsync(session.Dialect.DropTableIfExists("nobody"), Ct);
        await Assert.ThrowsAsync<WarehouseException>(() => session.CountRowsAsync("nobody", Ct));
    }

    private static DateOnly ToDate(object? value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => throw new InvalidOperationException($"Not a date: {value}"),
    };
}
