namespace ScoreCockpit.Web.Components.Pages.Scores.Operations;

/// <summary>Names the resources for the score's "Data and runs" tab.</summary>
public sealed class OperationsText;
