using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>A value crafted to end a literal and drop a table never reaches the warehouse, whatever its declared type.</summary>
public sealed class InjectionTests(PostgresClusterFixture postgres)
{
    private const string Payload = "x'; DROP TABLE customers; --";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<WarehouseKind, VariableType, string> Cases
    {
        get
        {
            var data = new TheoryData<WarehouseKind, VariableType, string>();
            foreach (var kind in new[] { WarehouseKind.DuckDb, WarehouseKind.Postgres })
            {
                data.Add(kind, VariableType.Date, "yyyy-MM-dd");
                data.Add(kind, VariableType.Text, "quotes, semicolons, backslashes and SQL comment markers are refused");
                data.Add(kind, VariableType.Identifier, "table or column name");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_injection_attempt_is_refused_and_the_table_is_untouched(WarehouseKind kind, VariableType type, string expectedForm)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();
        var variables = new Dictionary<string, Variable> { ["segment_filter"] = new("segment_filter", type, Payload) };
        var sql = type == VariableType.Identifier
            ? "SELECT COUNT(*) FROM ${segment_filter}"
            : "SELECT COUNT(*) FROM customers WHERE segment = ${segment_filter}";

        var bound = Assert.Throws<CockpitValidationException>(() => SqlTemplate.Render(sql, variables, session.Dialect));
        var literal = Assert.Throws<CockpitValidationException>(() => SqlTemplate.RenderLiterals(sql, variables, session.Dialect));
        var ddl = Assert.Throws<CockpitValidationException>(() =>
            session.Dialect.CreateTableAs("copy", SqlTemplate.RenderLiterals(sql, variables, session.Dialect).Sql));

        foreach (var error in new[] { bound, literal, ddl })
        {
            Assert.StartsWith($"The variable segment_filter = '{Payload}' is not a valid ", error.Message, StringComparison.Ordinal);
            Assert.Contains(expectedForm, error.Message, StringComparison.Ordinal);
        }

        Assert.True(await session.TableExistsAsync("customers", Ct));
        Assert.Equal(TestWarehouse.CustomerCount, await session.CountRowsAsync("customers", Ct));
        Assert.False(await session.TableExistsAsync("copy", Ct));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_payload_passed_as_a_table_name_is_refused_before_any_sql_runs(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenWithCustomersAsync();

        await Assert.ThrowsAsync<CockpitValidationException>(() => session.CountRowsAsync("customers; DROP TABLE customers", Ct));
        Assert.Throws<CockpitValidationException>(() => session.Dialect.ReplaceTable(Payload, "customers"));
        await Assert.ThrowsAsync<CockpitValidationException>(() => session.TableExistsAsync(Payload, Ct));

        Assert.Equal(TestWarehouse.CustomerCount, await session.CountRowsAsync("customers", Ct));
    }
}
