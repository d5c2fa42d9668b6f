using System.Globalization;

namespace ScoreCockpit.Engine.Localization;

/// <summary>The installation's language (<c>Cockpit:Culture</c>, default en): what the portal speaks when the browser
/// asks for neither English nor French, and what mails use unless a score says otherwise.</summary>
public sealed record CockpitCulture(CultureInfo Culture)
{
    public const string Setting = "Cockpit:Culture";

    public static CockpitCulture Default { get; } = new(SupportedCultures.English);

    /// <summary>The culture for the setting; empty means the default. An unsupported name stops the start with the list.</summary>
    public static CockpitCulture Resolve(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Default : new CockpitCulture(SupportedCultures.Find(name, $"The setting {Setting}"));
}
