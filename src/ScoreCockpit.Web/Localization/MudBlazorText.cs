namespace ScoreCockpit.Web.Localization;

/// <summary>Names the resources that translate MudBlazor's own words.</summary>
public sealed class MudBlazorText;
