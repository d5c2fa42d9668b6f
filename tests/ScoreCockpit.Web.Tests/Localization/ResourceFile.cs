using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ScoreCockpit.Web.Tests.Localization;

/// <summary>One .resx file's keys and texts.</summary>
internal sealed partial record ResourceFile(string Path, IReadOnlyDictionary<string, string> Texts)
{
    public static ResourceFile Read(string path) => new(path, XDocument.Load(path).Root!.Elements("data")
        .ToDictionary(d => (string)d.Attribute("name")!, d => d.Element("value")?.Value ?? "", StringComparer.Ordinal));

    /// <summary>Every resx pair in the source tree: the English (neutral) file and its French sibling.</summary>
    public static IEnumerable<(string English, string French)> Pairs() =>
        SourceFiles.Under("", "*.resx").Where(f => !f.EndsWith(".fr.resx", StringComparison.Ordinal))
            .Select(f => (f, f[..^".resx".Length] + ".fr.resx"));

    /// <summary>The {0}, {1:0.00}… holes of a text, by index, so both languages fill the same ones.</summary>
    public static IReadOnlySet<string> Holes(string text) =>
        Hole().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Hole();
}
