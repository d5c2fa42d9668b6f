namespace ScoreCockpit.Web.Components.Pages.Quality;

/// <summary>Names the resources for the Data quality page: its tables, check kinds and the metric chart.</summary>
public sealed class QualityWords;
