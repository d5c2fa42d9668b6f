namespace ScoreCockpit.Web.Components.Shared;

/// <summary>Names the resources for the shared parts of pages: the access notice and the demo banner.</summary>
public sealed class SharedPartsText;
