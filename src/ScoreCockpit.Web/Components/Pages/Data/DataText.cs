namespace ScoreCockpit.Web.Components.Pages.Data;

/// <summary>Names the resources for the data pages: the CSV import and its report.</summary>
public sealed class DataText;
