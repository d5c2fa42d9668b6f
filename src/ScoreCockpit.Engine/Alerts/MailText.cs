namespace ScoreCockpit.Engine.Alerts;

/// <summary>Names the resources for the words of the mails the engine writes, in English and French.</summary>
public sealed class MailText;
