using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse.Import;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

public sealed class CsvParserTests
{
    public static TheoryData<int?> Chunkings => new((int?)null, 1, 2, 3, 7);

    [Theory]
    [MemberData(nameof(Chunkings))]
    public async Task Quoted_fields_hold_delimiters_doubled_quotes_and_line_breaks(int? bytesPerRead)
    {
        var records = await CsvText.ParseAsync(
            "id,text,n\r\n1,\"a, b\",2\r\n2,\"say \"\"hi\"\"\",3\r\n3,\"two\r\nlines\nhere\",4\r\n4,\"\",\r\n", bytesPerRead: bytesPerRead);

        Assert.All(records, r => Assert.Equal(CsvRead.Record, r.Kind));
        Assert.Equal(["id", "text", "n"], records[0].Fields);
        Assert.Equal(["1", "a, b", "2"], records[1].Fields);
        Assert.Equal(["2", "say \"hi\"", "3"], records[2].Fields);
        Assert.Equal(["3", "two\nlines\nhere", "4"], records[3].Fields);
        Assert.Equal((4L, 6L), (records[3].StartLine, records[3].EndLine));
        Assert.Equal(["4", null, null], records[4].Fields);
        Assert.Equal(7, records[4].StartLine);
    }

    [Theory]
    [InlineData("a,b\n1,2\n")]
    [InlineData("a,b\r\n1,2\r\n")]
    [InlineData("a,b\r1,2\r")]
    [InlineData("a,b\n1,2")]
    [InlineData("\n\na,b\n\n1,2\n\n\n")]
    public async Task Lf_crlf_lone_cr_a_missing_final_break_and_empty_lines_all_read_alike(string text)
    {
        var records = await CsvText.ParseAsync(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["1", "2"], records[1].Fields);
    }

    [Fact]
    public async Task Line_numbers_count_skipped_empty_lines()
    {
        var records = await CsvText.ParseAsync("a\n\n1\n\n\n2\n");

        Assert.Equal([1L, 3L, 6L], records.Select(r => r.StartLine));
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_dropped_and_multibyte_characters_survive_any_chunking()
    {
        var bytes = CsvText.Utf8("\uFEFFnom,ville\nZoë,Besançon 🚲\n");
        foreach (var chunk in new int?[] { null, 1, 2, 3 })
        {
            var records = await CsvText.ParseAsync(bytes, bytesPerRead: chunk);
            Assert.Equal(["nom", "ville"], records[0].Fields);
            Assert.Equal(["Zoë", "Besançon 🚲"], records[1].Fields);
        }
    }

    [Fact]
    public async Task Spaces_around_a_quoted_field_are_ignored_but_kept_in_unquoted_ones()
    {
        var records = await CsvText.ParseAsync("a,b,c\n1, \"x, y\" , z \n");

        Assert.Equal(["1", "x, y", " z "], records[1].Fields);
    }

    [Theory]
    [InlineData("a,b\n1,ab\"c\n2,3\n", "quote inside an unquoted field")]
    [InlineData("a,b\n1,\"ab\"c\n2,3\n", "text after a closing quote")]
    public async Task A_stray_quote_rejects_only_its_line(string text, string reason)
    {
        var records = await CsvText.ParseAsync(text);

        Assert.Equal(CsvRead.Malformed, records[1].Kind);
        Assert.Equal((2L, 2L), (records[1].StartLine, records[1].EndLine));
        Assert.Contains(reason, records[1].Problem, StringComparison.Ordinal);
        Assert.Equal(["2", "3"], records[2].Fields);
        Assert.Equal(3, records[2].StartLine);
    }

    [Fact]
    public async Task A_quote_never_closed_swallows_the_rest_of_the_file_and_says_so()
    {
        var records = await CsvText.ParseAsync("a,b\n1,2\n3,\"oops\n4,5\n6,7\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(CsvRead.Malformed, records[2].Kind);
        Assert.Equal((3L, 5L), (records[2].StartLine, records[2].EndLine));
        Assert.Contains("never closed", records[2].Problem, StringComparison.Ordinal);
        Assert.Contains("from line 3", records[2].Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b;c\n", ',')]
    [InlineData("a;b;c\n1,5;2,5;3\n", ';')]
    [InlineData("a\tb\tc\n", '\t')]
    [InlineData("a|b|c\n", '|')]
    [InlineData("\"x;y\",b,c\n", ',')]
    [InlineData("\"x,y,z\";b\n", ';')]
    [InlineData("single\n1\n", ',')]
    [InlineData("\n\nid;name\n", ';')]
    public async Task The_delimiter_is_the_most_frequent_candidate_outside_quotes_on_the_header_line(string text, char expected)
    {
        Assert.Equal(expected, await CsvText.DelimiterOfAsync(text));
    }

    [Fact]
    public async Task A_header_longer_than_the_buffer_is_read_ahead_whole_for_detection()
    {
        var header = string.Join(";", Enumerable.Range(0, 30_000).Select(i => $"🚲{i}"));

        var records = await CsvText.ParseAsync(header + "\n" + new string(';', 29_999) + "\n");

        Assert.Equal(30_000, records[0].Fields.Length);
        Assert.Equal("🚲29999", records[0].Fields[^1]);
        Assert.Equal(30_000, records[1].Fields.Length);
    }

    [Fact]
    public async Task The_smallest_read_still_decodes_a_four_byte_character()
    {
        var source = new CsvTextSource(new MemoryStream(CsvText.Utf8("🚲🚲")), CsvEncoding.Utf8, null);
        var chars = new char[4];
        var text = "";

        for (var read = await source.ReadAsync(chars, default); read > 0; read = await source.ReadAsync(chars, default))
        {
            text += new string(chars, 0, read);
        }

        Assert.Equal("🚲🚲", text);
    }

    [Fact]
    public async Task A_given_delimiter_overrides_detection()
    {
        var records = await CsvText.ParseAsync("a,b;c\n1,2;3\n", delimiter: ';');

        Assert.Equal(["a,b", "c"], records[0].Fields);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public async Task Invalid_utf8_is_an_error_naming_its_line(int? bytesPerRead)
    {
        byte[] bytes = [.. CsvText.Utf8("name,city\nAda,London\r\nZo"), 0xEB, .. CsvText.Utf8(",Paris\n")];

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => CsvText.ParseAsync(bytes, bytesPerRead: bytesPerRead));

        Assert.StartsWith("Line 3 is not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("latin1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_multibyte_character_at_the_very_end_is_invalid()
    {
        byte[] bytes = [.. CsvText.Utf8("a\nb\n"), 0xC3];

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => CsvText.ParseAsync(bytes));

        Assert.StartsWith("Line 3 is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CsvEncoding.Latin1, "Zoë,€")]
    [InlineData(CsvEncoding.Windows1252, "Zoë,€")]
    public async Task Single_byte_encodings_decode_on_request(CsvEncoding encoding, string expectedLatin1Or1252)
    {
        byte[] bytes = [.. "name,sign\nZo"u8, 0xEB, (byte)',', 0x80, (byte)'\n'];

        var records = await CsvText.ParseAsync(bytes, encoding: encoding);

        var expected = encoding == CsvEncoding.Latin1 ? "Zoë,\u0080" : expectedLatin1Or1252;
        Assert.Equal(expected, string.Join(",", records[1].Fields));
    }

    [Fact]
    public async Task Utf16_text_and_nul_bytes_are_refused_with_advice()
    {
        byte[] utf16 = [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("a,b\n")];
        byte[] nul = [.. "a,b\n1,"u8, 0, (byte)'\n'];

        var bom = await Assert.ThrowsAsync<CockpitValidationException>(() => CsvText.ParseAsync(utf16));
        var binary = await Assert.ThrowsAsync<CockpitValidationException>(() => CsvText.ParseAsync(nul));

        Assert.Contains("UTF-16", bom.Message, StringComparison.Ordinal);
        Assert.StartsWith("Line 2 contains a NUL character", binary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_past_the_size_cap_stops_reading_instead_of_filling_memory()
    {
        var huge = new byte[CsvParser.MaxRecordChars + 1024];
        Array.Fill(huge, (byte)'x');
        byte[] bytes = [.. "a\n\""u8, .. huge];

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => CsvText.ParseAsync(bytes));

        Assert.Contains("Line 2 starts a record longer than", error.Message, StringComparison.Ordinal);
    }
}
