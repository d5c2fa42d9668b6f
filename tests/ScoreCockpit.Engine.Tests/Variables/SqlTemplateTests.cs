using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Variables;

public sealed class SqlTemplateTests
{
    private const string Query =
        "SELECT customer_id FROM customers WHERE signup_date >= ${since} AND balance > ${min_balance} AND segment = ${segment}";

    private static readonly Dictionary<string, Variable> QueryVariables = Define(
        Variable.Date("since", new DateOnly(2025, 1, 1)),
        new Variable("min_balance", VariableType.Decimal, "100.5"),
        new Variable("segment", VariableType.Text, "gold"));

    [Fact]
    public void Names_lists_each_variable_once_in_order_of_first_use()
    {
        var names = SqlTemplate.Names("SELECT ${b}, ${a_1} FROM t_${b} WHERE x = ${a_1} AND y = ${c2}");

        Assert.Equal(["b", "a_1", "c2"], names);
    }

    [Fact]
    public void Names_ignores_what_is_not_a_placeholder()
    {
        Assert.Empty(SqlTemplate.Names("SELECT $1, $name, {x}, ${}, ${1x}, ${Upper} FROM t"));
        Assert.Empty(SqlTemplate.Names(""));
    }

    [Fact]
    public void An_undefined_variable_is_named_with_how_to_define_it()
    {
        var error = Assert.Throws<CockpitValidationException>(() =>
            SqlTemplate.Render("SELECT * FROM t WHERE d = ${date_ref}", Define(), DuckDbDialect.Instance));

        Assert.Equal("The SQL uses ${date_ref}, which is not defined. Define it as a global, score or run variable.", error.Message);
    }

    [Fact]
    public void Several_undefined_variables_are_all_named()
    {
        var error = Assert.Throws<CockpitValidationException>(() =>
            SqlTemplate.RenderLiterals("SELECT ${a}, ${b}, ${a}, ${c}", Define(Variable.Integer("b", 1)), PostgresDialect.Instance));

        Assert.Equal("The SQL uses ${a}, ${c}, which are not defined. Define them as global, score or run variables.", error.Message);
    }

    [Fact]
    public void DuckDb_binds_dates_decimals_and_text_as_dollar_parameters()
    {
        var rendered = SqlTemplate.Render(Query, QueryVariables, DuckDbDialect.Instance);

        Assert.Equal(
            "SELECT customer_id FROM customers WHERE signup_date >= $since AND balance > $min_balance AND segment = $segment",
            rendered.Sql);
        Assert.Equal(
            [new("since", new DateOnly(2025, 1, 1)), new("min_balance", 100.5m), new SqlParameterValue("segment", "gold")],
            rendered.Parameters);
    }

    [Theory]
    [InlineData(WarehouseKind.Postgres)]
    [InlineData(WarehouseKind.SqlServer)]
    public void Postgres_and_SqlServer_bind_them_as_at_parameters(WarehouseKind kind)
    {
        var rendered = SqlTemplate.Render(Query, QueryVariables, Dialects.For(kind));

        Assert.Equal(
            "SELECT customer_id FROM customers WHERE signup_date >= @since AND balance > @min_balance AND segment = @segment",
            rendered.Sql);
        Assert.Equal(["since", "min_balance", "segment"], rendered.Parameters.Select(p => p.Name));
        Assert.IsType<DateOnly>(rendered.Parameters[0].Value);
    }

    [Fact]
    public void Teradata_has_no_named_parameters_so_it_gets_literals()
    {
        var rendered = SqlTemplate.Render(Query, QueryVariables, TeradataDialect.Instance);

        Assert.Equal(
            "SELECT customer_id FROM customers WHERE signup_date >= DATE '2025-01-01' AND balance > 100.5 AND segment = 'gold'",
            rendered.Sql);
        Assert.Empty(rendered.Parameters);
    }

    [Theory]
    [InlineData(WarehouseKind.DuckDb, "DATE '2025-01-01'")]
    [InlineData(WarehouseKind.Postgres, "DATE '2025-01-01'")]
    [InlineData(WarehouseKind.SqlServer, "CAST('2025-01-01' AS date)")]
    [InlineData(WarehouseKind.Teradata, "DATE '2025-01-01'")]
    public void RenderLiterals_writes_every_value_into_the_text(WarehouseKind kind, string date)
    {
        var rendered = SqlTemplate.RenderLiterals(Query, QueryVariables, Dialects.For(kind));

        Assert.Equal(
            $"SELECT customer_id FROM customers WHERE signup_date >= {date} AND balance > 100.5 AND segment = 'gold'",
            rendered.Sql);
        Assert.Empty(rendered.Parameters);
    }

    [Fact]
    public void A_variable_used_twice_is_bound_once()
    {
        var rendered = SqlTemplate.Render("SELECT ${d} AS a, ${d} AS b", Define(Variable.Date("d", new DateOnly(2026, 2, 28))),
            PostgresDialect.Instance);

        Assert.Equal("SELECT @d AS a, @d AS b", rendered.Sql);
        Assert.Single(rendered.Parameters);
    }

    [Theory]
    [InlineData(WarehouseKind.DuckDb)]
    [InlineData(WarehouseKind.Postgres)]
    [InlineData(WarehouseKind.SqlServer)]
    [InlineData(WarehouseKind.Teradata)]
    public void An_integer_is_written_as_digits_so_it_can_be_part_of_a_name(WarehouseKind kind)
    {
        var rendered = SqlTemplate.Render("SELECT * FROM usage_${yyyymm} WHERE n < ${n}",
            Define(Variable.Integer("yyyymm", 202601), new Variable("n", VariableType.Integer, " +7 ")), Dialects.For(kind));

        Assert.Equal("SELECT * FROM usage_202601 WHERE n < 7", rendered.Sql);
        Assert.Empty(rendered.Parameters);
    }

    [Fact]
    public void A_negative_number_is_parenthesised_so_it_never_forms_a_comment_marker()
    {
        var variables = Define(Variable.Integer("n", -1), new Variable("m", VariableType.Decimal, "-0.5"));

        Assert.Equal("SELECT 5-(-1), 5-(-0.5)", SqlTemplate.Render("SELECT 5-${n}, 5-${m}", variables, TeradataDialect.Instance).Sql);
        Assert.Equal("SELECT 5-(-1), 5-(-0.5)", SqlTemplate.RenderLiterals("SELECT 5-${n}, 5-${m}", variables, DuckDbDialect.Instance).Sql);
    }

    [Theory]
    [InlineData(WarehouseKind.DuckDb, "SELECT * FROM \"work\".\"customers\" WHERE \"segment\" IS NOT NULL")]
    [InlineData(WarehouseKind.Postgres, "SELECT * FROM \"work\".\"customers\" WHERE \"segment\" IS NOT NULL")]
    [InlineData(WarehouseKind.SqlServer, "SELECT * FROM [work].[customers] WHERE [segment] IS NOT NULL")]
    [InlineData(WarehouseKind.Teradata, "SELECT * FROM \"work\".\"customers\" WHERE \"segment\" IS NOT NULL")]
    public void An_identifier_is_quoted_never_bound(WarehouseKind kind, string expected)
    {
        var variables = Define(new Variable("source", VariableType.Identifier, " work.customers "),
            new Variable("column", VariableType.Identifier, "segment"));

        var rendered = SqlTemplate.Render("SELECT * FROM ${source} WHERE ${column} IS NOT NULL", variables, Dialects.For(kind));

        Assert.Equal(expected, rendered.Sql);
        Assert.Empty(rendered.Parameters);
    }

    [Fact]
    public void Text_around_placeholders_is_kept_as_written()
    {
        var rendered = SqlTemplate.RenderLiterals("-- ${a}\nSELECT '${' || x, ${a}}", Define(Variable.Integer("a", 3)), DuckDbDialect.Instance);

        Assert.Equal("-- 3\nSELECT '${' || x, 3}", rendered.Sql);
    }

    [Fact]
    public void A_bad_value_stops_the_whole_render()
    {
        var variables = Define(Variable.Integer("n", 1), new Variable("d", VariableType.Date, "2026-13-01"));

        var error = Assert.Throws<CockpitValidationException>(() => SqlTemplate.Render("SELECT ${n}, ${d}", variables, PostgresDialect.Instance));

        Assert.Contains("The variable d = '2026-13-01'", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, Variable> Define(params Variable[] variables) =>
        variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
}
