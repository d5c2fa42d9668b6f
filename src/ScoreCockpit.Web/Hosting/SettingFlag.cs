using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Web.Hosting;

/// <summary>A true/false setting of the portal: its default when unset, and anything else stops the start naming it.</summary>
internal static class SettingFlag
{
    public static bool Read(IConfigurationSection section, string key, bool fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text.Trim(), out var value)
            ? value
            : throw new CockpitSetupException($"{section.Path}:{key} = '{text.Trim()}' is neither true nor false. Write true or false.");
    }
}
