using MudBlazor;

namespace ScoreCockpit.Web.Components.Layout;

/// <summary>
/// One theme, light and dark, on the Okabe–Ito palette so status colours stay distinguishable
/// for colour-blind readers.
/// </summary>
public static class CockpitTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0072B2",
            Secondary = "#CC79A7",
            Info = "#56B4E9",
            Success = "#009E73",
            Warning = "#E69F00",
            Error = "#D55E00",
            AppbarBackground = "#0B2E4A",
            Background = "#F6F8FA",
            DrawerBackground = "#FFFFFF",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#56B4E9",
            Secondary = "#CC79A7",
            Info = "#56B4E9",
            Success = "#3DBE96",
            Warning = "#F0B54A",
            Error = "#F07A3A",
            AppbarBackground = "#0E1A24",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
        // Sentence-case buttons read calmer than shouting capitals in dense analyst pages.
        Typography = new Typography { Button = new ButtonTypography { TextTransform = "none" } },
    };
}
