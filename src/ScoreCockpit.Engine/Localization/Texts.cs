using System.Globalization;
using System.Resources;

namespace ScoreCockpit.Engine.Localization;

/// <summary>The texts of one resource file in one language. Reports and mails pick the reader's language explicitly
/// rather than the thread's, since one process writes for readers of both.</summary>
public sealed class Texts(ResourceManager resources, CultureInfo culture)
{
    public CultureInfo Culture => culture;

    /// <summary>The text for a key; a missing key is a bug, so it fails loudly instead of showing the key.</summary>
    public string this[string key] =>
        resources.GetString(key, culture) ?? throw new InvalidOperationException($"The text '{key}' is missing from {resources.BaseName}.");

    /// <summary>The text for a key with its {0}, {1}… filled in, numbers formatted in the reader's culture.</summary>
    public string Format(string key, params object?[] args) => string.Format(culture, this[key], args);
}
