namespace ScoreCockpit.Tests.Shared;

/// <summary>A data folder copied file by file: two runs of the same work start from one and the same demo.</summary>
public static class FolderCopy
{
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
