namespace ScoreCockpit.Web.Components.Pages.Scores.Compare;

/// <summary>Names the resources for the compare page: versions side by side, their verdicts and activation.</summary>
public sealed class CompareText;
