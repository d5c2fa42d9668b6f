using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>The exact SQL each dialect writes; SQL Server and Teradata have no server here, so this is their check.</summary>
public sealed class DialectSqlTests
{
    private static readonly DateOnly EndOfJanuary = new(2026, 1, 31);

    public static TheoryData<WarehouseKind> AllKinds =>
        new(WarehouseKind.DuckDb, WarehouseKind.Postgres, WarehouseKind.SqlServer, WarehouseKind.Teradata);

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_warehouse_kind_has_its_dialect(WarehouseKind kind)
    {
        var dialect = Dialects.For(kind);

        Assert.Equal(kind, dialect.Kind);
        Assert.Same(dialect, Dialects.For(kind));
    }

    [Fact]
    public void SqlServer_writes_brackets_dates_named_parameters_select_into_and_top()
    {
        var sql = SqlServerDialect.Instance;

        Assert.Equal("[scores]", sql.QuoteIdentifier("scores"));
        Assert.Equal("[work].[scores]", sql.QuoteIdentifier("work.scores"));
        Assert.Equal("CAST('2026-01-31' AS date)", sql.DateLiteral(EndOfJanuary));
        Assert.Equal("CAST('0001-01-01' AS date)", sql.DateLiteral(DateOnly.MinValue));
        Assert.Equal("@date_ref", sql.ParameterMarker("date_ref"));
        Assert.Equal("SELECT * INTO [work].[snapshot] FROM (SELECT id FROM customers -- all of them\n) AS q",
            sql.CreateTableAs("work.snapshot", "SELECT id FROM customers -- all of them"));
        Assert.Equal("DROP TABLE IF EXISTS [work].[snapshot]", sql.DropTableIfExists("work.snapshot"));
        Assert.Equal("SELECT TOP (10) * FROM (SELECT id FROM customers\n) AS q", sql.LimitRows("SELECT id FROM customers", 10));
        Assert.Equal("SELECT TOP (0) * FROM (SELECT id FROM customers\n) AS q", sql.LimitRows("SELECT id FROM customers", 0));
    }

    [Fact]
    public void SqlServer_replaces_a_table_with_drop_and_sp_rename()
    {
        Assert.Equal(
            ["DROP TABLE IF EXISTS [work].[scores]", "EXEC sp_rename N'[work].[scores_staging]', N'scores', N'OBJECT'"],
            SqlServerDialect.Instance.ReplaceTable("work.scores_staging", "work.scores"));
        Assert.Equal(
            ["DROP TABLE IF EXISTS [scores]", "EXEC sp_rename N'[scores_staging]', N'scores', N'OBJECT'"],
            SqlServerDialect.Instance.ReplaceTable("scores_staging", "scores"));
    }

    [Fact]
    public void Teradata_writes_literals_only_multiset_tables_and_top()
    {
        var sql = TeradataDialect.Instance;

        Assert.Equal("\"scores\"", sql.QuoteIdentifier("scores"));
        Assert.Equal("\"work\".\"scores\"", sql.QuoteIdentifier("work.scores"));
        Assert.Equal("DATE '2026-01-31'", sql.DateLiteral(EndOfJanuary));
        Assert.Null(sql.ParameterMarker("date_ref"));
        Assert.Equal("CREATE MULTISET TABLE \"work\".\"snapshot\" AS (SELECT id FROM customers -- all of them\n) WITH DATA",
            sql.CreateTableAs("work.snapshot", "SELECT id FROM customers -- all of them"));
        Assert.Equal("DROP TABLE \"work\".\"snapshot\"", sql.DropTableIfExists("work.snapshot"));
        Assert.Equal("SELECT TOP 10 * FROM (SELECT id FROM customers\n) AS q", sql.LimitRows("SELECT id FROM customers", 10));
        Assert.Equal("SELECT * FROM (SELECT id FROM customers\n) AS q WHERE 1 = 0", sql.LimitRows("SELECT id FROM customers", 0));
    }

    [Fact]
    public void Teradata_replaces_a_table_with_dml_and_one_final_ddl_statement()
    {
        Assert.Equal(
            [
                "DELETE FROM \"work\".\"scores\" ALL",
                "INSERT INTO \"work\".\"scores\" SELECT * FROM \"stage\".\"scores_staging\"",
                "DROP TABLE \"stage\".\"scores_staging\"",
            ],
            TeradataDialect.Instance.ReplaceTable("stage.scores_staging", "work.scores"));
    }

    [Fact]
    public void DuckDb_writes_double_quotes_dollar_parameters_and_limit()
    {
        var sql = DuckDbDialect.Instance;

        Assert.Equal("\"work\".\"scores\"", sql.QuoteIdentifier("work.scores"));
        Assert.Equal("DATE '2026-01-31'", sql.DateLiteral(EndOfJanuary));
        Assert.Equal("$date_ref", sql.ParameterMarker("date_ref"));
        Assert.Equal("CREATE TABLE \"work\".\"snapshot\" AS SELECT id FROM customers",
            sql.CreateTableAs("work.snapshot", "SELECT id FROM customers"));
        Assert.Equal("DROP TABLE IF EXISTS \"work\".\"snapshot\"", sql.DropTableIfExists("work.snapshot"));
        Assert.Equal(
            ["DROP TABLE IF EXISTS \"work\".\"scores\"", "ALTER TABLE \"work\".\"scores_staging\" RENAME TO \"scores\""],
            sql.ReplaceTable("work.scores_staging", "work.scores"));
        Assert.Equal("SELECT * FROM (SELECT id FROM customers -- note\n) AS limited LIMIT 5",
            sql.LimitRows("SELECT id FROM customers -- note", 5));
    }

    [Fact]
    public void Postgres_writes_double_quotes_named_parameters_and_limit()
    {
        var sql = PostgresDialect.Instance;

        Assert.Equal("\"work\".\"scores\"", sql.QuoteIdentifier("work.scores"));
        Assert.Equal("DATE '2026-01-31'", sql.DateLiteral(EndOfJanuary));
        Assert.Equal("@date_ref", sql.ParameterMarker("date_ref"));
        Assert.Equal("CREATE TABLE \"work\".\"snapshot\" AS SELECT id FROM customers",
            sql.CreateTableAs("work.snapshot", "SELECT id FROM customers"));
        Assert.Equal("DROP TABLE IF EXISTS \"work\".\"snapshot\"", sql.DropTableIfExists("work.snapshot"));
        Assert.Equal(
            ["DROP TABLE IF EXISTS \"work\".\"scores\"", "ALTER TABLE \"work\".\"scores_staging\" RENAME TO \"scores\""],
            sql.ReplaceTable("work.scores_staging", "work.scores"));
        Assert.Equal("SELECT * FROM (SELECT id FROM customers\n) AS limited LIMIT 5", sql.LimitRows("SELECT id FROM customers", 5));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Rename_based_swaps_refuse_to_move_a_table_across_schemas(WarehouseKind kind)
    {
        var dialect = Dialects.For(kind);
        if (kind == WarehouseKind.Teradata)
        {
            // Teradata copies rows instead of renaming, so the staging table may live anywhere.
            Assert.Equal(3, dialect.ReplaceTable("stage.scores_staging", "work.scores").Count);
            return;
        }

        var across = Assert.Throws<CockpitValidationException>(() => dialect.ReplaceTable("stage.scores_staging", "work.scores"));
        Assert.Contains("must be in the same schema", across.Message, StringComparison.Ordinal);
        Assert.Throws<CockpitValidationException>(() => dialect.ReplaceTable("scores_staging", "work.scores"));
    }

    public static TheoryData<WarehouseKind, string> BadIdentifiers()
    {
        var data = new TheoryData<WarehouseKind, string>();
        string[] bad =
        [
            "", " ", "1scores", "scores;", "scores]; DROP TABLE customers; --", "scores\"; DROP TABLE customers; --",
            "scores\n", "a.b.c", ".scores", "scores.", "my scores", "scores-2026", "sc\u00f6res", new string('a', Identifiers.MaxLength + 1),
        ];
        foreach (var kind in new[] { WarehouseKind.DuckDb, WarehouseKind.Postgres, WarehouseKind.SqlServer, WarehouseKind.Teradata })
        {
            foreach (var identifier in bad)
            {
                data.Add(kind, identifier);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadIdentifiers))]
    public void Every_statement_refuses_an_identifier_outside_the_strict_shape(WarehouseKind kind, string identifier)
    {
        var dialect = Dialects.For(kind);

        var quoted = Assert.Throws<CockpitValidationException>(() => dialect.QuoteIdentifier(identifier));
        Assert.Contains($"'{identifier}' is not allowed", quoted.Message, StringComparison.Ordinal);
        Assert.Contains("letters, digits and underscores", quoted.Message, StringComparison.Ordinal);
        Assert.Throws<CockpitValidationException>(() => dialect.CreateTableAs(identifier, "SELECT 1 AS x"));
        Assert.Throws<CockpitValidationException>(() => dialect.DropTableIfExists(identifier));
        Assert.Throws<CockpitValidationException>(() => dialect.ReplaceTable(identifier, "scores"));
        Assert.Throws<CockpitValidationException>(() => dialect.ReplaceTable("scores_staging", identifier));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void The_longest_allowed_identifier_is_quoted(WarehouseKind kind)
    {
        var longest = "s" + new string('x', Identifiers.MaxLength - 1);

        Assert.Contains(longest, Dialects.For(kind).QuoteIdentifier(longest), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void A_negative_row_limit_is_a_programming_error(WarehouseKind kind) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Dialects.For(kind).LimitRows("SELECT 1 AS x", -1));
}
