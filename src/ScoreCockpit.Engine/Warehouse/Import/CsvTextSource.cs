using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>
/// The characters of a CSV stream, decoded chunk by chunk (never the whole file): strict UTF-8 (a leading
/// byte-order mark is dropped), or a single-byte encoding. Every line break (CRLF, LF, lone CR) comes out as
/// '\n', inside quoted fields too. Characters before an invalid byte or a NUL are delivered first; the read
/// after them throws <see cref="CsvTextException"/>, so the parser can name the line it is on.
/// </summary>
internal sealed class CsvTextSource(Stream stream, CsvEncoding encoding, long? maxBytes)
{
    public const int ChunkBytes = 64 * 1024;

    private readonly byte[] bytes = new byte[ChunkBytes];
    private readonly Decoder? singleByte = encoding switch
    {
        CsvEncoding.Latin1 => Encoding.Latin1.GetDecoder(),
        CsvEncoding.Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetDecoder(),
        _ => null,
    };

    private int start;
    private int end;
    private bool endOfStream;
    private bool started;
    private bool lastWasCr;
    private bool needMoreBytes;
    private string? pendingProblem;

    public long BytesRead { get; private set; }

    /// <summary>
    /// Fills <paramref name="destination"/> with at least one character, or returns 0 at the end of the text.
    /// It must have room for four, so that a whole UTF-8 sequence (up to 4 bytes, 2 characters) always fits.
    /// </summary>
    public async ValueTask<int> ReadAsync(Memory<char> destination, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 4);
        if (!started)
        {
            await StartAsync(ct);
        }

        while (true)
        {
            if (pendingProblem is not null)
            {
                throw new CsvTextException(pendingProblem);
            }

            if ((start == end || needMoreBytes) && !endOfStream)
            {
                await ReadBytesAsync(ct);
            }

            var written = Decode(destination.Span);
            written = NormaliseLineBreaks(destination.Span[..written]);
            var nul = destination.Span[..written].IndexOf('\0');
            if (nul >= 0)
            {
                pendingProblem = "contains a NUL character: is this a binary file, or text saved as UTF-16? Re-save it as UTF-8 text";
                written = nul;
            }

            if (written > 0)
            {
                return written;
            }

            if (endOfStream && start == end && pendingProblem is null)
            {
                return 0;
            }
        }
    }

    private async ValueTask StartAsync(CancellationToken ct)
    {
        started = true;
        while (end < 3 && !endOfStream)
        {
            await ReadBytesAsync(ct);
        }

        var head = bytes.AsSpan(0, end);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new CockpitValidationException(
                "The file is UTF-16 text (it starts with a UTF-16 byte-order mark). Re-save it as UTF-8 (in Excel: CSV UTF-8).");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            if (encoding != CsvEncoding.Utf8)
            {
                throw new CockpitValidationException(
                    $"The file starts with a UTF-8 byte-order mark, so it is UTF-8, not {CsvEncodings.Name(encoding)}: import it as UTF-8 (the default).");
            }

            start = 3;
        }
    }

    /// <summary>Reads more bytes after the undecoded ones (at most 3: an unfinished UTF-8 sequence).</summary>
    private async ValueTask ReadBytesAsync(CancellationToken ct)
    {
        if (start > 0)
        {
            bytes.AsSpan(start, end - start).CopyTo(bytes);
            end -= start;
            start = 0;
        }

        var read = await stream.ReadAsync(bytes.AsMemory(end), ct);
        if (read == 0)
        {
            endOfStream = true;
            return;
        }

        end += read;
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw new CockpitValidationException(
                $"The file is larger than the import limit of {DescribeSize(maxBytes.Value)}. Split it, or ask an admin to raise the limit.");
        }
    }

    private int Decode(Span<char> destination)
    {
        var available = bytes.AsSpan(start, Math.Min(end - start, destination.Length));
        if (singleByte is not null)
        {
            var count = singleByte.GetChars(available, destination, flush: false);
            start += available.Length;
            return count;
        }

        var status = Utf8.ToUtf16(available, destination, out var read, out var written,
            replaceInvalidSequences: false, isFinalBlock: endOfStream && available.Length == end - start);
        start += read;
        needMoreBytes = status == OperationStatus.NeedMoreData && available.Length == end - start + read;
        if (status == OperationStatus.InvalidData)
        {
            var bad = bytes.AsSpan(start, Math.Min(4, end - start));
            pendingProblem = $"is not valid UTF-8 (bytes {Convert.ToHexString(bad)}). Re-save the file as UTF-8, " +
                $"or give its encoding ({CsvEncodings.Name(CsvEncoding.Latin1)} or {CsvEncodings.Name(CsvEncoding.Windows1252)})";
        }

        return written;
    }

    /// <summary>CRLF and lone CR become LF, in place; a CR that ends a chunk swallows an LF that starts the next.</summary>
    private int NormaliseLineBreaks(Span<char> chars)
    {
        var read = 0;
        if (lastWasCr && chars.Length > 0)
        {
            lastWasCr = false;
            if (chars[0] == '\n')
            {
                read = 1;
            }
        }

        var write = 0;
        while (true)
        {
            var cr = chars[read..].IndexOf('\r');
            if (cr < 0)
            {
                chars[read..].CopyTo(chars[write..]);
                return write + chars.Length - read;
            }

            chars.Slice(read, cr).CopyTo(chars[write..]);
            write += cr;
            chars[write++] = '\n';
            read += cr + 1;
            if (read == chars.Length)
            {
                lastWasCr = true;
                return write;
            }

            if (chars[read] == '\n')
            {
                read++;
            }
        }
    }

    internal static string DescribeSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}

/// <summary>The text cannot be decoded at the current position; the parser adds the line number.</summary>
internal sealed class CsvTextException(string problem) : Exception(problem);
