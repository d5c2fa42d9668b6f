namespace ScoreCockpit.Web.Components.Pages.Account;

/// <summary>Names the resources for the account pages: sign in, first admin, access denied.</summary>
public sealed class AccountText;
