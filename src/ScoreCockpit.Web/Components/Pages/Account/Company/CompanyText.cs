namespace ScoreCockpit.Web.Components.Pages.Account.Company;

/// <summary>Names the resources for company sign-in: the button on the sign-in page and the refusal page.</summary>
public sealed class CompanyText;
