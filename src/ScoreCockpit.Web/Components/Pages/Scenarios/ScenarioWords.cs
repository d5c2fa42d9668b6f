namespace ScoreCockpit.Web.Components.Pages.Scenarios;

/// <summary>Names the resources for the Scenarios pages: list, page, editor, triggers, steps and the run-now dialog.</summary>
public sealed class ScenarioWords;
