using System.Buffers;

namespace ScoreCockpit.Engine.Scoring.Export;

/// <summary>
/// Passes asynchronous writes through and holds synchronous ones until the next asynchronous write or
/// <see cref="DrainAsync"/>. ASP.NET Core refuses synchronous writes to a response body, and MiniExcel 1.46 ends the
/// zip synchronously (ZipArchive.Dispose writes the central directory): a few kilobytes of headers, so holding them
/// costs nothing, while the sheets' data, written asynchronously, still streams.
/// </summary>
internal sealed class SyncWriteDeferringStream(Stream inner) : Stream
{
    private readonly ArrayBufferWriter<byte> _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DrainAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    /// <summary>Nothing here: a synchronous flush of the inner stream is what must not happen.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    /// <summary>Sends what synchronous writes left behind.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        if (_pending.WrittenCount > 0)
        {
            await inner.WriteAsync(_pending.WrittenMemory, ct);
            _pending.Clear();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
