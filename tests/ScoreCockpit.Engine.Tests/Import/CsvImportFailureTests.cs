using System.Text;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Import;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

/// <summary>Bad input gets a clear error and changes nothing: no new table, the old one intact, no staging table left.</summary>
public sealed class CsvImportFailureTests(PostgresClusterFixture postgres)
{
    private const string Previous = "id,name\n1,kept\n2,kept\n";

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty file", [], "The file is empty" },
        { "only a byte-order mark and blank lines", [0xEF, 0xBB, 0xBF, (byte)'\n', (byte)'\n'], "The file is empty" },
        { "header only", Encoding.UTF8.GetBytes("id,name\r\n"), "has a header but no rows" },
        { "ragged row", Encoding.UTF8.GetBytes("id,name\n1,a\n2,b,c\n3,d\n"), "(line 3: has 3 fields, the header has 2)" },
        { "short row", Encoding.UTF8.GetBytes("id,name\n1,a\n2\n"), "(line 3: has 1 fields, the header has 2)" },
        { "stray quote", Encoding.UTF8.GetBytes("id,name\n1,a\"b\n"), "line 2: has a quote inside an unquoted field" },
        { "text after a closing quote", Encoding.UTF8.GetBytes("id,name\n1,\"a\"b\n"), "line 2: has text after a closing quote" },
        { "unterminated quote", Encoding.UTF8.GetBytes("id,name\n1,a\n2,\"b\n3,c\n"), "lines 3-4: has a quote that is never closed" },
        { "malformed header", Encoding.UTF8.GetBytes("id,\"na\"me\n1,a\n"), "The header (line 1) has text after a closing quote" },
        { "invalid UTF-8", [.. "id,name\n1,ok\n2,caf"u8, 0xE9, .. "\n"u8], "Line 3 is not valid UTF-8 (bytes E90A)" },
        { "UTF-16", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("id,name\n1,a\n")], "UTF-16" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_and_creates_nothing(string what, byte[] csv, string expected)
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => warehouse.ImportAsync(csv, new CsvImportOptions("fresh")));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Empty(await warehouse.TablesAsync());
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_leaves_the_table_it_would_replace_intact(string what, byte[] csv, string expected)
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();
        await warehouse.ImportAsync(Previous, new CsvImportOptions("people"));

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => warehouse.ImportAsync(csv, new CsvImportOptions("people") { Replace = true }));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {error.Message}");
        await AssertOnlyPreviousPeopleAsync(warehouse);
    }

    [Theory]
    [MemberData(nameof(ImportWarehouse.Kinds), MemberType = typeof(ImportWarehouse))]
    public async Task Too_many_rejected_lines_list_the_first_ten_and_write_nothing(WarehouseKind kind)
    {
        await using var warehouse = await ImportWarehouse.CreateAsync(kind, postgres);
        await warehouse.ImportAsync(Previous, new CsvImportOptions("people"));
        var csv = "id,name\n" + string.Concat(Enumerable.Range(2, 30).Select(i => i % 2 == 0 ? $"{i},x,extra\n" : $"{i},ok\n"));

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => warehouse.ImportAsync(csv, new CsvImportOptions("people") { Replace = true, MaxRejected = 3 }));

        Assert.StartsWith("More lines are malformed than the 3 allowed, so nothing was imported (the first 10: line 2: has 3 fields", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("; line 20: has 3 fields, the header has 2). Fix them, or allow more rejected lines.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 22", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        await AssertOnlyPreviousPeopleAsync(warehouse);
    }

    [Fact]
    public async Task Every_line_rejected_is_an_error_even_when_allowed()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => warehouse.ImportAsync("a,b\n1\n2\n", new CsvImportOptions("t") { MaxRejected = 10 }));

        Assert.Equal("No row could be imported: every line after the header was rejected " +
            "(line 2: has 1 fields, the header has 2; line 3: has 1 fields, the header has 2).", error.Message);
        Assert.Empty(await warehouse.TablesAsync());
    }

    [Theory]
    [InlineData("bad name", "table name 'bad name' is not allowed")]
    [InlineData("1st", "table name '1st' is not allowed")]
    [InlineData("a.b.c", "table name 'a.b.c' is not allowed")]
    public async Task A_bad_table_name_is_refused_before_reading(string table, string expected)
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => warehouse.ImportAsync("a\n1\n", new CsvImportOptions(table)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_while_streaming()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();
        var csv = "id\n" + string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i}\n"));

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => warehouse.ImportAsync(csv, new CsvImportOptions("big") { MaxBytes = 1024 * 1024 }));

        Assert.Equal("The file is larger than the import limit of 1 MB. Split it, or ask an admin to raise the limit.", error.Message);
        Assert.Empty(await warehouse.TablesAsync());
    }

    [Fact]
    public async Task A_warehouse_failure_drops_the_staging_tables_too()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        await Assert.ThrowsAsync<WarehouseException>(() => warehouse.ImportAsync("a\n1\n", new CsvImportOptions("no_such_schema.t")));

        Assert.Empty(await warehouse.TablesAsync());
    }

    [Fact]
    public async Task Cancelling_mid_file_stops_and_leaves_nothing()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();
        await warehouse.ImportAsync(Previous, new CsvImportOptions("people"));
        var csv = Encoding.UTF8.GetBytes("id,name\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"{i},n{i}\n")));
        using var cancel = new CancellationTokenSource();
        await using var stream = new ImportWarehouse.CancellingStream(csv, csv.Length / 2, cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => warehouse.ImportAsync(stream, new CsvImportOptions("people") { Replace = true }, false, cancel.Token));

        await AssertOnlyPreviousPeopleAsync(warehouse);
    }

    private static async Task AssertOnlyPreviousPeopleAsync(ImportWarehouse warehouse)
    {
        Assert.Equal(["people"], await warehouse.UserTablesAsync());
        Assert.Equal([[1L, "kept"], [2L, "kept"]], await warehouse.RowsAsync("SELECT id, name FROM people ORDER BY id"));
    }
}
