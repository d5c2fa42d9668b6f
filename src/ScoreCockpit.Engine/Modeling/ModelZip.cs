using System.IO.Compression;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// Makes an ML.NET model zip reproducible: the same entries in the same order, each stamped with one fixed time, so
/// the same model gives the same bytes (and the same content address) whenever it is trained.
/// </summary>
public static class ModelZip
{
    private static readonly DateTimeOffset Stamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalize(byte[] zip)
    {
        using var source = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = Stamp;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
