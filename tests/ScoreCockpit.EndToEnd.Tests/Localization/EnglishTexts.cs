using System.Text.RegularExpressions;
using System.Xml.Linq;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.EndToEnd.Tests.Localization;

/// <summary>
/// The portal's English resource texts that a French page must not show: each literal piece (between the {0} holes) of
/// an English text that differs from its French one, long enough to mean something and found in no French text.
/// </summary>
internal static partial class EnglishTexts
{
    public static IReadOnlyList<string> Pieces { get; } = Load();

    /// <summary>The English pieces present in a page's visible text, as whole words.</summary>
    public static IReadOnlyList<string> In(string visibleText) =>
        Pieces.Where(p => Regex.IsMatch(visibleText, $@"(?<![\p{{L}}\p{{N}}_\-]){Regex.Escape(p)}(?![\p{{L}}\p{{N}}_\-])")).ToList();

    private static List<string> Load()
    {
        var web = Path.Combine(RepositoryRoot.Path, "src", "ScoreCockpit.Web");
        var english = new List<string>();
        var french = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                         && !f.EndsWith(".fr.resx", StringComparison.Ordinal)))
        {
            var en = Read(file);
            var fr = Read(file[..^".resx".Length] + ".fr.resx");
            french.AddRange(fr.Values);
            english.AddRange(en.Where(e => fr.TryGetValue(e.Key, out var f) && f != e.Value).Select(e => e.Value));
        }

        var frenchText = string.Join("\n", french);
        return english.SelectMany(e => Hole().Split(e)).Select(p => p.Trim(' ', '.', ',', ':', ';', '(', ')', '·', '—', '…'))
            .Where(p => p.Count(char.IsLetter) >= 4 && !frenchText.Contains(p, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> Read(string path) => XDocument.Load(path).Root!.Elements("data")
        .ToDictionary(d => (string)d.Attribute("name")!, d => d.Element("value")?.Value ?? "", StringComparer.Ordinal);

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Hole();
}
