namespace ScoreCockpit.Web.Components.Pages.Overview;

/// <summary>Names the resources for the Overview: the portfolio table, its chips and the sign-ins chart.</summary>
public sealed class OverviewText;
