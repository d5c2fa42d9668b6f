namespace ScoreCockpit.Web.Components.Pages.Scores.Scoring;

/// <summary>Names the resources for the Scoring tab: runs, summary, drift levels and charts.</summary>
public sealed class ScoringWords;
