namespace ScoreCockpit.Tests.Shared;

/// <summary>The repository's folder, found from the test binaries: tests read its sources, docs and deployment files.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "ScoreCockpit.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("ScoreCockpit.sln was not found above the test binaries: run the tests inside the repository.");
    }
}
