using System.Globalization;
using System.Text;

namespace ScoreCockpit.Engine.Scoring.Export;

/// <summary>
/// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted only when they hold a comma, a quote or a line break.
/// UTF-8 with a byte-order mark, because Excel reads a file without one in the machine's code page and garbles accents.
/// Numbers are invariant (a dot for decimals, round-trip precision), dates yyyy-MM-dd.
/// </summary>
internal static class ScoreCsv
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static async Task<long> WriteAsync(IAsyncEnumerable<ScoreRow> rows, string key, Stream output, CancellationToken ct)
    {
        // Async writes only: ASP.NET Core refuses synchronous writes to a response body.
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 1 << 16, leaveOpen: true);
        var line = new StringBuilder(160);
        foreach (var name in ScoreRows.Header(key))
        {
            Field(line.Append(line.Length == 0 ? "" : ","), name);
        }

        await writer.WriteAsync(line.Append("\r\n"), ct);
        var c = CultureInfo.InvariantCulture;
        long written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            line.Clear();
            Field(line, row.Key);
            line.Append(c, $",{row.Score:R},{row.Rank},{row.Decile},{row.Percentile:R},{row.Version},{row.ReferenceDate:yyyy-MM-dd}\r\n");
            await writer.WriteAsync(line, ct);
            written++;
        }

        await writer.FlushAsync(ct);
        return written;
    }

    public static StringBuilder Field(StringBuilder line, string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? line.Append(value)
            : line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
}
