namespace ScoreCockpit.Web.Components.Pages.Admin;

/// <summary>Names the resources for the admin pages: users, connections, settings, mail and audit log.</summary>
public sealed class AdminText;
