namespace ScoreCockpit.Web.Components.Pages.Scores.Performance;

/// <summary>Names the resources for the score's performance tab: its tables, its charts and the words of its figures.</summary>
public sealed class PerformanceWords;
