using System.Globalization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Localization;

/// <summary>The languages the portal, the reports and the mails speak. A name is accepted when its language is one of
/// them (fr, fr-FR, fr-BE…), so numbers and dates follow the region asked for.</summary>
public static class SupportedCultures
{
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-GB");

    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The languages, by their two-letter code.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    /// <summary>"en (English), fr (français)": what an error lists.</summary>
    public static string Described { get; } = "en (English), fr (français)";

    /// <summary>The culture a name stands for: a bare language gives its default region (en → en-GB, fr → fr-FR).</summary>
    public static bool TryFind(string? name, out CultureInfo culture)
    {
        culture = English;
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return false;
        }

        CultureInfo found;
        try
        {
            found = CultureInfo.GetCultureInfo(trimmed, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }

        switch (found.TwoLetterISOLanguageName)
        {
            case "en":
                culture = found.IsNeutralCulture ? English : found;
                return true;
            case "fr":
                culture = found.IsNeutralCulture ? French : found;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The culture for a name, or a refusal naming where it came from and the supported languages.</summary>
    public static CultureInfo Find(string? name, string source)
    {
        if (TryFind(name, out var culture))
        {
            return culture;
        }

        throw new CockpitValidationException(
            $"{source} = '{name?.Trim()}' is not a supported culture. Supported: {Described} (a region such as fr-FR or en-US is accepted).");
    }

    /// <summary>True when the culture speaks French.</summary>
    public static bool IsFrench(CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr";
}
