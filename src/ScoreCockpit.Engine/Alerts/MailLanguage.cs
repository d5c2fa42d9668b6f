using System.Globalization;
using System.Resources;
using ScoreCockpit.Engine.Localization;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>
/// The language a mail is written in: the score's own mail language when it has one, else the installation's
/// (<c>Cockpit:Culture</c>). Mails not about a score use the installation's.
/// </summary>
public static class MailLanguage
{
    private static readonly ResourceManager Resources = new(typeof(MailText));

    /// <summary>The culture for mails about a score whose definition says <paramref name="scoreMailCulture"/> (null: none).</summary>
    public static CultureInfo For(string? scoreMailCulture, CockpitCulture installation) =>
        SupportedCultures.TryFind(scoreMailCulture, out var culture) ? culture : installation.Culture;

    /// <summary>The mail words in a culture; null is English, the language of mails written without one.</summary>
    internal static Texts Texts(CultureInfo? culture) => new(Resources, culture ?? SupportedCultures.English);
}
