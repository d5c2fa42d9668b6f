namespace ScoreCockpit.Web.Components.Pages.Scores;

/// <summary>Names the resources for the score editor's mail-language field.</summary>
public sealed class MailLanguageText;
