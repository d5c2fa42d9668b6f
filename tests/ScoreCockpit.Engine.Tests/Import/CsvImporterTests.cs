using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Import;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

public sealed class CsvImporterTests(PostgresClusterFixture postgres)
{
    private const string Mixed =
        "Customer ID,Name,Amount,Signed Up,Active,Last Seen,Code,Born\r\n" +
        "1,\"Smith, Ada\",12.5,2024-01-31,yes,2024-02-01 08:30:00,007,25/12/1980\r\n" +
        "2,\"Multi\nline \"\"quoted\"\"\",3,2024-02-29,no,2024-02-02T09:00:00.25,120,01/02/1990\r\n" +
        "3,,-7,,1,,,\r\n";

    [Theory]
    [MemberData(nameof(ImportWarehouse.Kinds), MemberType = typeof(ImportWarehouse))]
    public async Task A_file_of_mixed_types_becomes_a_typed_table(WarehouseKind kind)
    {
        await using var warehouse = await ImportWarehouse.CreateAsync(kind, postgres);

        var result = await warehouse.ImportAsync(Mixed, new CsvImportOptions("customers"));

        Assert.Equal("customers", result.Table);
        Assert.Equal(3, result.RowsImported);
        Assert.Equal(',', result.Delimiter);
        Assert.Equal(0, result.RejectedLineCount);
        Assert.False(result.ReplacedExistingTable);
        Assert.Equal(TimeSpan.FromSeconds(1.5), result.Duration);
        Assert.Equal(
            [CsvColumnType.Integer, CsvColumnType.Text, CsvColumnType.Double, CsvColumnType.Date, CsvColumnType.Boolean,
                CsvColumnType.Timestamp, CsvColumnType.Text, CsvColumnType.Date],
            result.Columns.Select(c => c.Type));
        Assert.Equal(["customer_id", "name", "amount", "signed_up", "active", "last_seen", "code", "born"], result.Columns.Select(c => c.Name));
        Assert.Equal([0L, 1, 0, 1, 0, 1, 1, 1], result.Columns.Select(c => c.NullCount));

        var types = (await warehouse.ColumnsAsync("customers")).Select(c => c.Type).ToList();
        var text = kind == WarehouseKind.DuckDb ? "VARCHAR" : "TEXT";
        var timestamp = kind == WarehouseKind.DuckDb ? "TIMESTAMP" : "TIMESTAMP WITHOUT TIME ZONE";
        Assert.Equal(["BIGINT", text, kind == WarehouseKind.DuckDb ? "DOUBLE" : "DOUBLE PRECISION", "DATE", "BOOLEAN", timestamp, text, "DATE"], types);

        var rows = await warehouse.RowsAsync("SELECT * FROM customers ORDER BY customer_id");
        Assert.Equal([1L, "Smith, Ada", 12.5, new DateOnly(2024, 1, 31), true, new DateTime(2024, 2, 1, 8, 30, 0), "007", new DateOnly(1980, 12, 25)],
            rows[0].Select(Normalise));
        Assert.Equal([2L, "Multi\nline \"quoted\"", 3.0, new DateOnly(2024, 2, 29), false, new DateTime(2024, 2, 2, 9, 0, 0, 250), "120", new DateOnly(1990, 2, 1)],
            rows[1].Select(Normalise));
        Assert.Equal([3L, null, -7.0, null, true, null, null, null], rows[2].Select(Normalise));
        Assert.Equal(["customers"], await warehouse.UserTablesAsync());
    }

    [Theory]
    [MemberData(nameof(ImportWarehouse.Kinds), MemberType = typeof(ImportWarehouse))]
    public async Task The_batched_insert_path_of_other_warehouses_loads_the_same_table(WarehouseKind kind)
    {
        await using var warehouse = await ImportWarehouse.CreateAsync(kind, postgres);
        var csv = "id,label\n" + string.Concat(Enumerable.Range(1, 2345).Select(i => $"{i},\"row {i}, with comma\"\n"));

        var result = await warehouse.ImportAsync(csv, new CsvImportOptions("labels"), preferInserts: true);

        Assert.Equal(2345, result.RowsImported);
        var check = await warehouse.RowsAsync("SELECT COUNT(*), CAST(SUM(id) AS BIGINT), MAX(label) FROM labels");
        Assert.Equal(2345L, Convert.ToInt64(check[0][0], CultureInfo.InvariantCulture));
        Assert.Equal(2345L * 2346 / 2, Convert.ToInt64(check[0][1], CultureInfo.InvariantCulture));
        Assert.Equal("row 999, with comma", check[0][2]);
    }

    [Fact]
    public async Task A_semicolon_file_with_a_byte_order_mark_and_crlf_is_detected()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();
        var csv = "\uFEFFville;population;note\r\nBesançon;\"117 000\";\"a;b\"\r\nLyon;522250;\r\n";

        var result = await warehouse.ImportAsync(csv, new CsvImportOptions("villes"));

        Assert.Equal(';', result.Delimiter);
        Assert.Equal(["ville", "population", "note"], result.Columns.Select(c => c.Name));
        Assert.Empty(result.RenamedColumns);
        Assert.Equal(CsvColumnType.Text, result.Columns[1].Type);
        var rows = await warehouse.RowsAsync("SELECT * FROM villes ORDER BY ville");
        Assert.Equal(["Besançon", "117 000", "a;b"], rows[0]);
        Assert.Equal(["Lyon", "522250", null], rows[1]);
    }

    [Fact]
    public async Task A_tab_file_in_latin1_is_read_when_asked()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();
        byte[] csv = [.. "nom\tage\nZo"u8, 0xEB, .. "\t31\n"u8];

        var result = await warehouse.ImportAsync(csv, new CsvImportOptions("gens") { Encoding = CsvEncoding.Latin1, Delimiter = '\t' });

        Assert.Equal(1, result.RowsImported);
        Assert.Equal([["Zoë", 31L]], await warehouse.RowsAsync("SELECT nom, age FROM gens"));
    }

    [Fact]
    public async Task Empty_fields_are_null_in_every_type_and_blank_text_is_kept()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        await warehouse.ImportAsync("n,x,d,t\n1,1.5,2024-01-01,a\n,,,\n \"\" , ,  ,  \n", new CsvImportOptions("nulls"));

        var rows = await warehouse.RowsAsync("SELECT n, x, d, t FROM nulls ORDER BY n NULLS LAST, t NULLS FIRST");
        Assert.Equal([1L, 1.5, new DateOnly(2024, 1, 1), "a"], rows[0].Select(Normalise));
        Assert.Equal([null, null, null, null], rows[1]);
        Assert.Equal([null, null, null, "  "], rows[2]);
    }

    [Fact]
    public async Task One_decimal_among_integers_makes_a_double_and_one_word_makes_text()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();
        var lines = Enumerable.Range(1, 500).Select(i => $"{i},{i},{i}").ToList();
        lines[250] = "251,251.5,n/a";

        var result = await warehouse.ImportAsync("a,b,c\n" + string.Join("\n", lines), new CsvImportOptions("edges"));

        Assert.Equal([CsvColumnType.Integer, CsvColumnType.Double, CsvColumnType.Text], result.Columns.Select(c => c.Type));
        Assert.Equal([[251L, 251.5, "n/a"]], await warehouse.RowsAsync("SELECT a, b, c FROM edges WHERE a = 251"));
    }

    [Fact]
    public async Task Headers_are_sanitised_and_the_renames_reported()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        var result = await warehouse.ImportAsync("Order Date,Montant (€),montant,,2024\n2024-01-01,1,2,3,4\n", new CsvImportOptions("orders"));

        Assert.Equal(["order_date", "montant", "montant_2", "column_4", "c_2024"], result.Columns.Select(c => c.Name));
        Assert.Equal(["Order Date", "Montant (€)", "montant", "", "2024"], result.Columns.Select(c => c.Header));
        Assert.Equal(
            [
                new CsvColumnRename(1, "Order Date", "order_date"), new CsvColumnRename(2, "Montant (€)", "montant"),
                new CsvColumnRename(3, "montant", "montant_2"), new CsvColumnRename(4, "", "column_4"),
                new CsvColumnRename(5, "2024", "c_2024"),
            ],
            result.RenamedColumns);
        Assert.Equal(["order_date", "montant", "montant_2", "column_4", "c_2024"], (await warehouse.ColumnsAsync("orders")).Select(c => c.Name));
    }

    [Fact]
    public async Task A_table_in_a_schema_is_created_there()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();
        await warehouse.ExecuteAsync("CREATE SCHEMA uploads");

        await warehouse.ImportAsync("a\n1\n", new CsvImportOptions("uploads.first"));

        Assert.Equal(["uploads.first"], await warehouse.UserTablesAsync());
    }

    [Theory]
    [MemberData(nameof(ImportWarehouse.Kinds), MemberType = typeof(ImportWarehouse))]
    public async Task An_existing_table_is_refused_unless_replacing_and_then_replaced_whole(WarehouseKind kind)
    {
        await using var warehouse = await ImportWarehouse.CreateAsync(kind, postgres);
        await warehouse.ImportAsync("id,name\n1,old\n2,old\n", new CsvImportOptions("people"));

        var refused = await Assert.ThrowsAsync<CockpitValidationException>(
            () => warehouse.ImportAsync("id\n9\n", new CsvImportOptions("people")));
        var replaced = await warehouse.ImportAsync("id,score,flag\n9,0.5,true\n", new CsvImportOptions("people") { Replace = true });

        Assert.Contains("'people' already exists", refused.Message, StringComparison.Ordinal);
        Assert.True(replaced.ReplacedExistingTable);
        Assert.Equal([[9L, 0.5, true]], await warehouse.RowsAsync("SELECT id, score, flag FROM people"));
        Assert.Equal(["people"], await warehouse.UserTablesAsync());
    }

    [Fact]
    public async Task Allowed_rejected_lines_are_skipped_and_reported_with_their_line_numbers()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();
        var csv = "id,name\n1,a\n2,b,extra\n3,\"c\nd\",x\n4,e\"f\n5,g\n";

        var result = await warehouse.ImportAsync(csv, new CsvImportOptions("partial") { MaxRejected = 5 });

        Assert.Equal(2, result.RowsImported);
        Assert.Equal(4, result.RejectedLineCount);
        Assert.Equal(
            [
                new CsvRejectedLine(3, 3, "has 3 fields, the header has 2"),
                new CsvRejectedLine(4, 5, "has 3 fields, the header has 2"),
                new CsvRejectedLine(6, 6, "has a quote inside an unquoted field (quote the whole field and double the quotes inside it)"),
            ],
            result.RejectedLines);
        Assert.Equal([[1L, "a"], [5L, "g"]], await warehouse.RowsAsync("SELECT id, name FROM partial ORDER BY id"));
    }

    /// <summary>Npgsql reads a DATE as a DateTime at midnight, DuckDB as a DateOnly (no timestamp here falls on midnight).</summary>
    private static object? Normalise(object? value) =>
        value is DateTime { TimeOfDay.Ticks: 0 } midnight ? DateOnly.FromDateTime(midnight) : value;
}
