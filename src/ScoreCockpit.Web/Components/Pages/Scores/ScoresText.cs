namespace ScoreCockpit.Web.Components.Pages.Scores;

/// <summary>Names the resources for the score pages: list, score page, editor, snapshots, versions and model settings.</summary>
public sealed class ScoresText;
