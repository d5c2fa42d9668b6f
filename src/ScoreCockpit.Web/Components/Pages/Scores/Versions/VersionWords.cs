namespace ScoreCockpit.Web.Components.Pages.Scores.Versions;

/// <summary>Names the resources for the version page and the version panels: facts, features, settings, SQL, purge and backfill.</summary>
public sealed class VersionWords;
