using Xunit;

namespace ScoreCockpit.Web.Tests.Localization;

/// <summary>Every text exists in English and French, with the same holes, so no page shows a key or a half-translated
/// sentence.</summary>
public sealed class ResourceFilesTests
{
    [Fact]
    public void Every_resource_has_a_French_twin_with_the_same_keys()
    {
        var pairs = ResourceFile.Pairs().ToList();
        Assert.True(pairs.Count >= 10, $"only {pairs.Count} resource files were found under {SourceFiles.Src}");
        var problems = new List<string>();
        foreach (var (englishPath, frenchPath) in pairs)
        {
            if (!File.Exists(frenchPath))
            {
                problems.Add($"{SourceFiles.Relative(frenchPath)} is missing");
                continue;
            }

            var english = ResourceFile.Read(englishPath).Texts;
            var french = ResourceFile.Read(frenchPath).Texts;
            problems.AddRange(english.Keys.Except(french.Keys).Select(k => $"{SourceFiles.Relative(frenchPath)} lacks '{k}'"));
            problems.AddRange(french.Keys.Except(english.Keys).Select(k => $"{SourceFiles.Relative(englishPath)} lacks '{k}'"));
        }

        // A French file without an English one would never be found by the neutral lookup.
        problems.AddRange(SourceFiles.Under("", "*.fr.resx").Where(f => !File.Exists(f[..^".fr.resx".Length] + ".resx"))
            .Select(f => $"{SourceFiles.Relative(f)} has no English file"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Both_languages_fill_the_same_holes_and_no_text_is_empty()
    {
        var problems = new List<string>();
        foreach (var (englishPath, frenchPath) in ResourceFile.Pairs().Where(p => File.Exists(p.French)))
        {
            var english = ResourceFile.Read(englishPath).Texts;
            var french = ResourceFile.Read(frenchPath).Texts;
            foreach (var (key, text) in english)
            {
                if (!french.TryGetValue(key, out var translated))
                {
                    continue;
                }

                if (text.Trim().Length == 0 || translated.Trim().Length == 0)
                {
                    problems.Add($"{SourceFiles.Relative(englishPath)} '{key}' is empty in a language");
                }

                var holes = ResourceFile.Holes(text);
                var frenchHoles = ResourceFile.Holes(translated);
                if (!holes.SetEquals(frenchHoles))
                {
                    problems.Add($"{SourceFiles.Relative(englishPath)} '{key}': English fills {{{string.Join(",", holes.Order())}}}, French {{{string.Join(",", frenchHoles.Order())}}}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_hole_finder_sees_formats_and_ignores_escaped_braces()
    {
        Assert.Equal(["0", "2"], ResourceFile.Holes("AUC {0:0.000} against {2} {{not}}").Order());
        Assert.Empty(ResourceFile.Holes("{first_item}-{last_item} of {all_items}"));
    }
}
