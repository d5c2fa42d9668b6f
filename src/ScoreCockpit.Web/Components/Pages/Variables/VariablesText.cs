namespace ScoreCockpit.Web.Components.Pages.Variables;

/// <summary>Names the resources for the Variables page: global variables, their form and the built-in ones.</summary>
public sealed class VariablesText;
