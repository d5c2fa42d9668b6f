using System.Text;

namespace ScoreCockpit.Engine.Scoring.Export;

/// <summary>
/// RFC 4180 CSV in a <see cref="CsvConvention"/>: CRLF line ends, fields quoted only when they hold the separator, a
/// quote or a line break, UTF-8 with a byte-order mark. Numbers in the convention's decimal separator with round-trip
/// precision and no thousands separator, dates yyyy-MM-dd.
/// </summary>
internal static class ScoreCsv
{
    public static async Task<long> WriteAsync(
        IAsyncEnumerable<ScoreRow> rows, string key, CsvConvention convention, Stream output, CancellationToken ct)
    {
        // Async writes only: ASP.NET Core refuses synchronous writes to a response body.
        await using var writer = new StreamWriter(output, convention.Encoding, bufferSize: 1 << 16, leaveOpen: true);
        var line = new StringBuilder(160);
        var s = convention.Separator;
        foreach (var name in ScoreRows.Header(key))
        {
            convention.Field(line.Length == 0 ? line : line.Append(s), name);
        }

        await writer.WriteAsync(line.Append("\r\n"), ct);
        var c = convention.Culture;
        long written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            line.Clear();
            convention.Field(line, row.Key);
            line.Append(c, $"{s}{row.Score:R}{s}{row.Rank}{s}{row.Decile}{s}{row.Percentile:R}{s}{row.Version}{s}{row.ReferenceDate:yyyy-MM-dd}\r\n");
            await writer.WriteAsync(line, ct);
            written++;
        }

        await writer.FlushAsync(ct);
        return written;
    }
}
