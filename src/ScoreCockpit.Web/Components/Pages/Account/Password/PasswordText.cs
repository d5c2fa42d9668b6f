namespace ScoreCockpit.Web.Components.Pages.Account.Password;

/// <summary>Names the resources for the password pages: change, forgot, reset; and the sign-in page's link to them.</summary>
public sealed class PasswordText;
