namespace ScoreCockpit.Engine.Tests.Support;

/// <summary>A fresh folder under the temp area, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("scorecockpit-test-").FullName;

    /// <summary>An existing folder, to delete on dispose.</summary>
    public TempFolder(string path) => Path = path;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp area are harmless.
        }
    }
}
