using System.Data.Common;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse;

/// <summary>
/// Every statement shape the engine sends, as SQL Server and Teradata receive it (no server of either here, so their
/// text is the check; DuckDB and PostgreSQL run the same shapes live in the conformance tests).
/// </summary>
public sealed class StatementShapeSqlTests
{
    private static readonly TeradataDialect Teradata = TeradataDialect.Instance;
    private static readonly SqlServerDialect SqlServer = SqlServerDialect.Instance;

    [Fact]
    public void Teradata_drops_without_if_exists_and_takes_error_3807_as_a_missing_table()
    {
        Assert.Equal("DROP TABLE \"work\".\"gone\"", Teradata.DropTableIfExists("work.gone"));
        Assert.True(Teradata.IsMissingObject(new FakeDbException("[Teradata Database] [3807] Object 'work.gone' does not exist.")));
        Assert.False(Teradata.IsMissingObject(new FakeDbException("[Teradata Database] [3524] The user does not have DROP TABLE access.")));
        Assert.False(SqlServer.IsMissingObject(new FakeDbException("Cannot drop the table 'gone'", number: 3701)));
        Assert.Equal("DROP TABLE IF EXISTS [work].[gone]", SqlServer.DropTableIfExists("work.gone"));
    }

    [Fact]
    public void Teradata_swaps_onto_a_missing_target_by_renaming_alone_and_onto_an_existing_one_with_dml()
    {
        Assert.Equal(["RENAME TABLE \"work\".\"scores_staging\" TO \"work\".\"scores\""],
            Teradata.ReplaceTable("work.scores_staging", "work.scores", targetExists: false));
        Assert.Equal(
            ["DELETE FROM \"scores\" ALL", "INSERT INTO \"scores\" SELECT * FROM \"scores_staging\"", "DROP TABLE \"scores_staging\""],
            Teradata.ReplaceTable("scores_staging", "scores", targetExists: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SqlServer_swaps_with_drop_if_exists_and_sp_rename_whether_or_not_the_target_exists(bool targetExists) =>
        Assert.Equal(["DROP TABLE IF EXISTS [scores]", "EXEC sp_rename N'[scores_staging]', N'scores', N'OBJECT'"],
            SqlServer.ReplaceTable("scores_staging", "scores", targetExists));

    [Fact]
    public void Teradata_creates_multiset_tables_with_the_key_as_primary_index()
    {
        Assert.Equal("CREATE MULTISET TABLE \"snap\" AS (SELECT id, x FROM t\n) WITH DATA PRIMARY INDEX (\"id\")",
            Teradata.CreateTableAs("snap", "SELECT id, x FROM t", "id"));
        Assert.Equal("CREATE MULTISET TABLE \"snap\" AS (SELECT id, x FROM t\n) WITH DATA", Teradata.CreateTableAs("snap", "SELECT id, x FROM t"));
        Assert.Equal("CREATE MULTISET TABLE \"out\" (\"id\" VARCHAR(200) CHARACTER SET UNICODE NOT NULL) PRIMARY INDEX (\"id\")",
            Teradata.CreateTable("out", ["\"id\" VARCHAR(200) CHARACTER SET UNICODE NOT NULL"], "id"));
        Assert.Equal("SELECT * INTO [snap] FROM (SELECT id FROM t\n) AS q", SqlServer.CreateTableAs("snap", "SELECT id FROM t", "id"));
    }

    [Fact]
    public void A_dataprep_starting_with_with_keeps_its_with_clause_outside_sql_servers_derived_table()
    {
        const string Dataprep = "-- churn\nWITH base (id, n) AS (SELECT id, COUNT(*) FROM t GROUP BY id),\n" +
            "  recent AS (SELECT id FROM base WHERE n > 1 AND ')' <> '(')\nSELECT b.id FROM base b JOIN recent r ON r.id = b.id";

        Assert.Equal(
            "-- churn\nWITH base (id, n) AS (SELECT id, COUNT(*) FROM t GROUP BY id),\n" +
            "  recent AS (SELECT id FROM base WHERE n > 1 AND ')' <> '(')\n" +
            "SELECT * INTO [snap] FROM (SELECT b.id FROM base b JOIN recent r ON r.id = b.id\n) AS q",
            SqlServer.CreateTableAs("snap", Dataprep));
        Assert.StartsWith("-- churn\nWITH base", SqlServer.LimitRows(Dataprep, 5), StringComparison.Ordinal);
        Assert.EndsWith("SELECT TOP (5) * FROM (SELECT b.id FROM base b JOIN recent r ON r.id = b.id\n) AS q",
            SqlServer.LimitRows(Dataprep, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataprep_starting_with_with_goes_into_a_derived_table_on_teradata() =>
        Assert.Equal(
            "CREATE MULTISET TABLE \"snap\" AS (SELECT * FROM (WITH a AS (SELECT 1 AS id) SELECT id FROM a\n) AS q\n) WITH DATA PRIMARY INDEX (\"id\")",
            Teradata.CreateTableAs("snap", "WITH a AS (SELECT 1 AS id) SELECT id FROM a", "id"));

    [Theory]
    [InlineData("SELECT 1 AS with_x", null)]
    [InlineData("/* WITH */ SELECT 1", null)]
    [InlineData("WITHOUT AS (SELECT 1) SELECT 1", null)]
    [InlineData("with a as (select 1 as x) select x from a", "select x from a")]
    [InlineData("WITH a AS (SELECT ')' AS x /* ) */ -- )\n) (SELECT x FROM a)", "(SELECT x FROM a)")]
    [InlineData("WITH [a]]b] AS (SELECT \"x)\" FROM t) SELECT 1", "SELECT 1")]
    [InlineData("WITH a AS (SELECT 1", null)]
    public void The_main_query_after_a_with_clause_is_found_past_strings_names_and_comments(string sql, string? main) =>
        Assert.Equal(main, SqlText.SplitWith(sql)?.Main);

    [Fact]
    public void SqlServer_batches_literal_rows_in_inserts_of_at_most_1000_rows()
    {
        var rows = Enumerable.Range(0, 1001).Select(i => new string?[] { $"c{i}", i == 0 ? "O'Brien" : null }).ToList();

        var sql = LiteralRows.Insert(SqlServer, "scores_staging", ["id", "name"], rows);

        var statements = sql.Split(";\n");
        Assert.Equal(2, statements.Length);
        Assert.StartsWith("INSERT INTO [scores_staging] ([id], [name]) VALUES (N'c0', N'O''Brien'), (N'c1', NULL), ", statements[0], StringComparison.Ordinal);
        Assert.Equal(1000, statements[0].Split("), (").Length);
        Assert.Equal("INSERT INTO [scores_staging] ([id], [name]) VALUES (N'c1000', NULL)", statements[1]);
    }

    [Fact]
    public void Teradata_batches_one_insert_per_row_in_a_multi_statement_request_with_unicode_escapes()
    {
        var sql = LiteralRows.Insert(Teradata, "stage", ["id", "name"], [["1", "O'Brien"], ["2", "Zoë\\\n😀"], ["3", null]]);

        Assert.Equal(
            "INSERT INTO \"stage\" (\"id\", \"name\") VALUES ('1', 'O''Brien');\n" +
            "INSERT INTO \"stage\" (\"id\", \"name\") VALUES ('2', U&'Zo\\00EB\\\\\\000A\\+01F600' UESCAPE '\\');\n" +
            "INSERT INTO \"stage\" (\"id\", \"name\") VALUES ('3', NULL)",
            sql);
        Assert.True(Teradata.InsertsLiterals);
        Assert.True(SqlServer.InsertsLiterals);
        Assert.False(PostgresDialect.Instance.InsertsLiterals);
    }

    [Theory]
    [InlineData(WarehouseKind.DuckDb, "DOUBLE", "INTEGER", "VARCHAR", "VARCHAR")]
    [InlineData(WarehouseKind.Postgres, "DOUBLE PRECISION", "INTEGER", "TEXT", "VARCHAR(200)")]
    [InlineData(WarehouseKind.SqlServer, "FLOAT", "INT", "NVARCHAR(MAX)", "NVARCHAR(200)")]
    [InlineData(WarehouseKind.Teradata, "FLOAT", "INTEGER", "VARCHAR(32000) CHARACTER SET UNICODE", "VARCHAR(200) CHARACTER SET UNICODE")]
    public void Each_warehouse_names_its_native_types(WarehouseKind kind, string real, string integer, string longText, string shortText)
    {
        var dialect = Dialects.For(kind);

        Assert.Equal(real, dialect.FloatType);
        Assert.Equal(integer, dialect.IntegerType);
        Assert.Equal("BIGINT", dialect.BigIntType);
        Assert.Equal(longText, dialect.TextType());
        Assert.Equal(shortText, dialect.TextType(200));
        Assert.DoesNotContain("FLOAT8", dialect.FloatType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3807, "does not exist, or this user cannot see it")]
    [InlineData(3706, "could not read the SQL")]
    [InlineData(3524, "lacks an access right")]
    [InlineData(2646, "spool space")]
    [InlineData(8017, "refused the login")]
    [InlineData(3932, "only as the last statement of a transaction")]
    [InlineData(3722, "only as the last statement of a transaction")]
    public void Teradata_error_codes_become_advice_beside_the_warehouses_own_words(int code, string advice)
    {
        var fromMessage = new FakeDbException($"[Teradata Database] [{code}] Something went wrong.");
        var fromErrors = new FakeDbException("Something went wrong.", errors: [new FakeError(code)]);

        var message = WarehouseSession.WithAdvice(Teradata, fromMessage);

        Assert.StartsWith($"[Teradata Database] [{code}] Something went wrong. ", message, StringComparison.Ordinal);
        Assert.Contains(advice, message, StringComparison.Ordinal);
        Assert.Contains(advice, Teradata.Advice(fromErrors), StringComparison.Ordinal);
        Assert.Null(Teradata.Advice(new FakeDbException("[Teradata Database] [5628] Column x not found.")));
        Assert.Equal("Column x not found.", WarehouseSession.WithAdvice(Teradata, new FakeDbException("Column x not found.")));
    }

    [Fact]
    public void SqlServer_error_numbers_become_advice() =>
        Assert.Contains("refused the login", SqlServer.Advice(new FakeDbException("Login failed for user 'x'.", number: 18456)), StringComparison.Ordinal);

    private sealed record FakeError(int Number);

    /// <summary>Stands in for a provider's exception: a message, and the error numbers where providers put them.</summary>
    private sealed class FakeDbException(string message, int number = 0, IReadOnlyList<FakeError>? errors = null) : DbException(message)
    {
        public int Number { get; } = number;

        public IReadOnlyList<FakeError>? Errors { get; } = errors;
    }
}
