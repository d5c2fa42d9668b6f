using Microsoft.Extensions.Localization;
using MudBlazor;

namespace ScoreCockpit.Web.Localization;

/// <summary>MudBlazor's own words (pagers, pickers, dialogs) from our resources; a key we do not translate falls back to
/// MudBlazor's English.</summary>
internal sealed class CockpitMudLocalizer(IStringLocalizer<MudBlazorText> texts) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = texts[key];
            return new LocalizedString(key, text.Value, text.ResourceNotFound);
        }
    }
}
