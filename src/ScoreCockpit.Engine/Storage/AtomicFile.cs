namespace ScoreCockpit.Engine.Storage;

/// <summary>
/// Writes a file beside its target under a temporary name and moves it into place only when complete, so a failed or
/// cancelled write never leaves half a file, nor destroys the previous one; readers see the old file or the new one.
/// </summary>
public static class AtomicFile
{
    public static async Task<T> WriteAsync<T>(string target, Func<Stream, Task<T>> write)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            T result;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                result = await write(stream);
            }

            File.Move(temporary, target, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static Task WriteAsync(string target, Func<Stream, Task> write) =>
        WriteAsync(target, async stream =>
        {
            await write(stream);
            return true;
        });
}
