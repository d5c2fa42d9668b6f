using System.Text;
using ScoreCockpit.Engine.Warehouse.Import;

namespace ScoreCockpit.Engine.Tests.Import;

/// <summary>One record as the parser returned it.</summary>
internal sealed record ParsedRecord(CsvRead Kind, string?[] Fields, long StartLine, long EndLine, string Problem)
{
    public override string ToString() => $"{Kind} {StartLine}-{EndLine} [{string.Join("|", Fields.Select(f => f ?? "<null>"))}] {Problem}";
}

/// <summary>Streams over test text: whole, or trickled a few bytes per read to cross every buffer boundary.</summary>
internal static class CsvText
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static Stream Open(byte[] bytes, int? bytesPerRead = null) =>
        bytesPerRead is { } n ? new TrickleStream(bytes, n) : new MemoryStream(bytes);

    public static async Task<List<ParsedRecord>> ParseAsync(byte[] bytes, char? delimiter = null,
        CsvEncoding encoding = CsvEncoding.Utf8, int? bytesPerRead = null)
    {
        var parser = new CsvParser(new CsvTextSource(Open(bytes, bytesPerRead), encoding, null), delimiter);
        var records = new List<ParsedRecord>();
        for (var read = await parser.ReadAsync(default); read != CsvRead.End; read = await parser.ReadAsync(default))
        {
            records.Add(new ParsedRecord(read, [.. parser.Fields], parser.StartLine, parser.EndLine,
                read == CsvRead.Malformed ? parser.Problem : ""));
        }

        return records;
    }

    public static Task<List<ParsedRecord>> ParseAsync(string text, char? delimiter = null, int? bytesPerRead = null) =>
        ParseAsync(Utf8(text), delimiter, CsvEncoding.Utf8, bytesPerRead);

    public static async Task<char> DelimiterOfAsync(string text)
    {
        var parser = new CsvParser(new CsvTextSource(Open(Utf8(text)), CsvEncoding.Utf8, null), null);
        await parser.ReadAsync(default);
        return parser.Delimiter;
    }

    /// <summary>A read-only stream that returns at most a few bytes per read, like a slow upload.</summary>
    private sealed class TrickleStream(byte[] bytes, int bytesPerRead) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, bytesPerRead));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, bytesPerRead)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, bytesPerRead), cancellationToken);
    }
}
