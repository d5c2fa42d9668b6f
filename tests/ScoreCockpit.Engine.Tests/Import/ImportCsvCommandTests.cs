using System.Text;
using DuckDB.NET.Data;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Tests.Cli;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

/// <summary>`scorecockpit import-csv` run in-process into the demo warehouse of a temporary data folder.</summary>
public sealed class ImportCsvCommandTests : IDisposable
{
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    private string Warehouse => Path.Combine(sandbox.DataPath, "warehouse.duckdb");

    [Fact]
    public async Task Imports_a_file_and_prints_rows_columns_and_renames()
    {
        var file = Write("sales.csv", "Order Date;Amount;Region\n2024-01-31;12.5;\"North; East\"\n2024-02-01;3;\n");

        var result = await sandbox.RunAsync("", "import-csv", file, "--table", "sales");

        Assert.Equal("", result.Error);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Matches(@"^Created table sales in warehouse demo: 2 rows, 3 columns, in \d+\.\d\d s \(delimiter ';'\)\.$", lines[0]);
        Assert.Equal(
            [
                "  COLUMN      TYPE     NULLS  NOTE",
                "  order_date  DATE         0  header \"Order Date\"",
                "  amount      DOUBLE       0  header \"Amount\"",
                "  region      VARCHAR      1  header \"Region\"",
            ],
            lines[2..]);
        Assert.Equal([["North; East", 12.5]], await QueryAsync("SELECT region, amount FROM sales WHERE region IS NOT NULL"));
    }

    [Fact]
    public async Task The_decimal_separator_is_printed_and_can_be_asked()
    {
        var file = Write("taux.csv", "ville;taux\nLyon;1,5\n");
        var points = Write("points.csv", "id,taux\n1,\"1,5\"\n");

        var comma = await sandbox.RunAsync("", "import-csv", file, "--table", "taux");
        var ambiguous = await sandbox.RunAsync("", "import-csv", points, "--table", "points");
        var asked = await sandbox.RunAsync("", "import-csv", points, "--table", "points", "--decimal", "comma");
        var unknown = await sandbox.RunAsync("", "import-csv", points, "--table", "points", "--decimal", "dot");

        Assert.Equal(ExitCodes.Ok, comma.ExitCode);
        Assert.Equal("Decimal separator: comma (the file uses semicolons).", comma.Output.ReplaceLineEndings("\n").Split('\n')[1]);
        Assert.Equal(ExitCodes.BadInput, ambiguous.ExitCode);
        Assert.StartsWith("error: The decimal separator is ambiguous: the column \"taux\" has values such as \"1,5\"", ambiguous.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, asked.ExitCode);
        Assert.Contains("Decimal separator: comma, as asked.", asked.Output, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.BadInput, "error: Unknown decimal separator 'dot'. Use comma, point, auto."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal([[1.5]], await QueryAsync("SELECT taux FROM points"));
    }

    [Fact]
    public async Task Allowed_rejected_lines_are_printed_with_their_numbers()
    {
        var file = Write("people.csv", "id,name\n1,a\n2,b,c\n3,c\n4\n");

        var result = await sandbox.RunAsync("", "import-csv", file, "--table", "people", "--max-rejected", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.EndsWith(
            "Rejected 2 malformed lines (at most 2 allowed); they were not imported:\n" +
            "  line 3: has 3 fields, the header has 2\n" +
            "  line 5: has 1 fields, the header has 2\n",
            result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal([[2L]], await QueryAsync("SELECT COUNT(*) FROM people"));
    }

    [Fact]
    public async Task Delimiter_and_encoding_options_are_applied()
    {
        var file = Path.Combine(sandbox.Root, "latin1.tsv");
        await File.WriteAllBytesAsync(file, [.. "nom\tville,pays\nZo"u8, 0xEB, .. "\tParis,FR\n"u8], TestContext.Current.CancellationToken);

        var result = await sandbox.RunAsync("", "import-csv", file, "--table", "gens", "--delimiter", "tab", "--encoding", "latin1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("(delimiter tab)", result.Output, StringComparison.Ordinal);
        Assert.Equal([["Zoë", "Paris,FR"]], await QueryAsync("SELECT nom, ville_pays FROM gens"));
    }

    [Fact]
    public async Task An_existing_table_is_refused_then_replaced_with_the_option()
    {
        var first = Write("v1.csv", "id\n1\n");
        var second = Write("v2.csv", "id,label\n2,two\n");
        await sandbox.RunAsync("", "import-csv", first, "--table", "t");

        var refused = await sandbox.RunAsync("", "import-csv", second, "--table", "t");
        var replaced = await sandbox.RunAsync("", "import-csv", second, "--table", "t", "--replace");

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Equal("error: The table 't' already exists in the warehouse 'demo'. Choose another name, or ask to replace it.", refused.Error.Trim());
        Assert.Equal(ExitCodes.Ok, replaced.ExitCode);
        Assert.StartsWith("Replaced table t in warehouse demo: 1 rows", replaced.Output, StringComparison.Ordinal);
        Assert.Equal([[2L, "two"]], await QueryAsync("SELECT id, label FROM t"));
    }

    [Theory]
    [InlineData("missing", "error: The file '{file}' does not exist.")]
    [InlineData("ragged", "error: The file has malformed lines, so nothing was imported (line 3: has 1 fields, the header has 2). Fix it, or allow more rejected lines.")]
    [InlineData("quotes", "error: The file has malformed lines, so nothing was imported (line 2: has a quote that is never closed: everything from line 2 to the end of the file is inside it). Fix it, or allow more rejected lines.")]
    [InlineData("utf8", "error: Line 2 is not valid UTF-8 (bytes E90A). Re-save the file as UTF-8, or give its encoding (latin1 or windows-1252).")]
    [InlineData("empty", "error: The file is empty. Its first line must name the columns, and the lines after it hold the rows.")]
    public async Task Bad_input_exits_2_with_one_error_line_and_writes_nothing(string kind, string expected)
    {
        var file = Path.Combine(sandbox.Root, kind + ".csv");
        byte[]? bytes = kind switch
        {
            "ragged" => "a,b\n1,2\n3\n"u8.ToArray(),
            "quotes" => "a,b\n1,\"2\n"u8.ToArray(),
            "utf8" => [.. "a,b\n1,caf"u8, 0xE9, (byte)'\n'],
            "empty" => [],
            _ => null,
        };
        if (bytes is not null)
        {
            await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);
        }

        var result = await sandbox.RunAsync("", "import-csv", file, "--table", "t");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(expected.Replace("{file}", file, StringComparison.Ordinal), result.Error.Trim());
        Assert.Equal("", result.Output);
        Assert.Empty(await QueryAsync("SELECT table_name FROM information_schema.tables"));
    }

    [Theory]
    [InlineData("--table", "bad name", "error: The table name 'bad name' is not allowed")]
    [InlineData("--encoding", "ebcdic", "error: Unknown encoding 'ebcdic'. Use utf-8, latin1, windows-1252.")]
    [InlineData("--delimiter", "ab", "error: The delimiter 'ab' must be one character")]
    [InlineData("--delimiter", "\"", "error: '\"' cannot be a delimiter.")]
    [InlineData("--max-rejected", "-1", "error: The number of rejected lines allowed must be 0 or more, not -1.")]
    public async Task Bad_options_exit_2_naming_the_problem(string option, string value, string expected)
    {
        var file = Write("ok.csv", "a\n1\n");
        string[] args = option == "--table" ? ["import-csv", file, option, value] : ["import-csv", file, "--table", "t", option, value];

        var result = await sandbox.RunAsync("", args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_table_option_is_a_usage_error()
    {
        var result = await sandbox.RunAsync("", "import-csv", Write("ok.csv", "a\n1\n"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--table", result.Error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(sandbox.Root, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private async Task<List<object?[]>> QueryAsync(string sql)
    {
        var rows = new List<object?[]>();
        if (!File.Exists(Warehouse))
        {
            return rows;
        }

        await using var connection = new DuckDBConnection($"Data Source={Warehouse}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add([.. row.Select(v => v is DBNull ? null : v)]);
        }

        return rows;
    }
}
