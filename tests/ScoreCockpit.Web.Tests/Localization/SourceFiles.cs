using ScoreCockpit.Tests.Shared;
namespace ScoreCockpit.Web.Tests.Localization;

/// <summary>The repository's source files, found from the test binaries.</summary>
internal static class SourceFiles
{
    public static string Root => RepositoryRoot.Path;

    public static string Src => Path.Combine(Root, "src");

    /// <summary>Files under src with an extension, build output left out.</summary>
    public static IEnumerable<string> Under(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Src, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path);
}
