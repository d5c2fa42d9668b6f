using System.Globalization;
using System.Resources;

namespace ScoreCockpit.Web.Components.Pages.Account;

/// <summary>
/// The account forms' validation messages in the reader's language, for DataAnnotations'
/// <c>ErrorMessageResourceType</c>: it reads them from <see cref="AccountText"/>'s resources.
/// </summary>
public static class AccountMessages
{
    private static readonly ResourceManager Resources = new(typeof(AccountText));

    public static string EnterEmail => Text(nameof(EnterEmail));

    public static string NotAnEmail => Text(nameof(NotAnEmail));

    public static string EnterPassword => Text(nameof(EnterPassword));

    public static string ChoosePassword => Text(nameof(ChoosePassword));

    public static string RetypePassword => Text(nameof(RetypePassword));

    private static string Text(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
