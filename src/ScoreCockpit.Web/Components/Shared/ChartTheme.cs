namespace ScoreCockpit.Web.Components.Shared;

/// <summary>Chart text and grid colours that stay readable on the light and the dark theme.</summary>
public static class ChartTheme
{
    public static string Text(bool dark) => dark ? "#E6E9ED" : "#2E3A46";

    public static string Grid(bool dark) => dark ? "rgba(230,233,237,0.15)" : "rgba(46,58,70,0.12)";
}
