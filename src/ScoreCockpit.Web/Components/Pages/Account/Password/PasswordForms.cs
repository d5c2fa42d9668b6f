using System.ComponentModel.DataAnnotations;

namespace ScoreCockpit.Web.Components.Pages.Account.Password;

public sealed class ChangePasswordForm
{
    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.EnterPassword))]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.ChoosePassword))]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.RetypePassword))]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ForgotPasswordForm
{
    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.EnterEmail))]
    [EmailAddress(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.NotAnEmail))]
    public string Email { get; set; } = "";
}

public sealed class ResetPasswordForm
{
    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.ChoosePassword))]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(AccountMessages), ErrorMessageResourceName = nameof(AccountMessages.RetypePassword))]
    public string ConfirmPassword { get; set; } = "";
}
