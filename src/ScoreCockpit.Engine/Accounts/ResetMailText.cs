namespace ScoreCockpit.Engine.Accounts;

/// <summary>Names the resources for the password reset mail, in English and French.</summary>
public sealed class ResetMailText;
