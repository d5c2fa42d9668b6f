namespace ScoreCockpit.Web.Components.Pages.Runs;

/// <summary>Names the resources for the Runs pages: run lists, a run's detail, statuses and durations.</summary>
public sealed class RunWords;
