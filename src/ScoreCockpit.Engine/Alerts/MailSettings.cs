namespace ScoreCockpit.Engine.Alerts;

/// <summary>How the connection to the mail server is secured.</summary>
public enum MailSecurity
{
    None,
    StartTls,
    SslOnConnect,

    /// <summary>SSL on connect on port 465, STARTTLS elsewhere when the server offers it.</summary>
    Auto,
}

/// <summary>The outgoing mail server as pages see it: whether a password is stored, never the password.</summary>
public sealed record MailSettings(
    string Host, int Port, MailSecurity Security, string? UserName, bool HasPassword, string From, string PortalBaseUrl,
    IReadOnlyList<string> DefaultRecipients, DateTime? UpdatedAt = null, string? UpdatedBy = null)
{
    /// <summary>The usual port for a security mode, used when an Admin leaves the port empty.</summary>
    public static int DefaultPort(MailSecurity security) => security switch
    {
        MailSecurity.None => 25,
        MailSecurity.SslOnConnect => 465,
        _ => 587,
    };
}

/// <summary>
/// What an Admin saves. The password is write-only: empty keeps the stored one, <paramref name="ClearPassword"/> removes it.
/// </summary>
public sealed record MailSettingsInput(
    string? Host, int? Port, MailSecurity Security, string? UserName, string? Password, string? From, string? PortalBaseUrl,
    IReadOnlyList<string>? DefaultRecipients, bool ClearPassword = false);
