namespace ScoreCockpit.Engine.Storage;

/// <summary>The folder that holds the embedded store, the demo warehouse and artifacts.</summary>
public sealed class DataFolder
{
    public const string EnvironmentVariable = "SCORECOCKPIT_DATA";

    public DataFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    /// <summary>`--data DIR` wins over SCORECOCKPIT_DATA, which wins over ./data.</summary>
    public static DataFolder Resolve(string? commandLineValue, string? environmentValue) =>
        new(FirstNonBlank(commandLineValue, environmentValue) ?? "data");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Creates the folder if needed and proves it is writable, so start-up fails early and clearly.</summary>
    public void EnsureWritable()
    {
        var probe = File($".write-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path);
            System.IO.File.WriteAllText(probe, "ok");
            System.IO.File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CockpitSetupException(
                $"The data folder '{Path}' cannot be written to ({e.Message}). " +
                $"Choose a writable folder with --data DIR or the {EnvironmentVariable} environment variable, or fix its permissions.",
                e);
        }
    }

    private static string? FirstNonBlank(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
