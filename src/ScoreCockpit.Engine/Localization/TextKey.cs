using System.Globalization;
using System.Resources;

namespace ScoreCockpit.Engine.Localization;

/// <summary>A sentence kept as a resource key and its values, so each reader gets it in their language.</summary>
public sealed record TextKey(ResourceManager Resources, string Key, params object[] Args)
{
    public string In(CultureInfo culture) => new Texts(Resources, culture).Format(Key, Args);

    public override string ToString() => In(SupportedCultures.English);
}
