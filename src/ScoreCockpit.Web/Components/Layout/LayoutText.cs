namespace ScoreCockpit.Web.Components.Layout;

/// <summary>Names the resources for the frame around every page: navigation, app bar, user menu.</summary>
public sealed class LayoutText;
