namespace ScoreCockpit.Web.Components.Pages;

/// <summary>Names the resources for the error and not-found pages.</summary>
public sealed class PagesText;
