using System.ComponentModel.DataAnnotations;

namespace ScoreCockpit.Web.Components.Pages.Account;

public sealed class SignInForm
{
    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.EnterEmail))]
    [EmailAddress(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.NotAnEmail))]
    public string Email { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.EnterPassword))]
    public string Password { get; set; } = "";
}

public sealed class FirstAdminForm
{
    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.EnterEmail))]
    [EmailAddress(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.NotAnEmail))]
    public string Email { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.ChoosePassword))]
    public string Password { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.RetypePassword))]
    public string ConfirmPassword { get; set; } = "";
}
