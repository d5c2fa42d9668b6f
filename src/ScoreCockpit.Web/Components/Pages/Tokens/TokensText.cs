namespace ScoreCockpit.Web.Components.Pages.Tokens;

/// <summary>Names the resources for the API token pages: a person's own tokens and the Admin's list of all.</summary>
public sealed class TokensText;
