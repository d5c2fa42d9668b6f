namespace ScoreCockpit.Web.Components.Shared;

/// <summary>Names the resources for words every page uses (statuses, common buttons, roles).</summary>
public sealed class SharedText;
