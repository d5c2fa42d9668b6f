using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>Checks what an Admin typed; each message names the field and what to give instead.</summary>
internal static class MailSettingsValidation
{
    public sealed record Valid(
        string Host, int Port, MailSecurity Security, string? UserName, string From, string PortalBaseUrl,
        IReadOnlyList<string> DefaultRecipients);

    public static Valid Validate(MailSettingsInput input)
    {
        var host = input.Host?.Trim() ?? "";
        if (host.Length == 0)
        {
            throw new CockpitValidationException("Give the mail server's host name, for example smtp.example.com.");
        }

        if (host.Length > 255 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new CockpitValidationException($"The mail server '{host}' is not a host name; give one like smtp.example.com.");
        }

        if (!Enum.IsDefined(input.Security))
        {
            throw new CockpitValidationException("Choose the mail server's security: None, STARTTLS, SSL on connect or Auto.");
        }

        var port = input.Port ?? MailSettings.DefaultPort(input.Security);
        if (port is < 1 or > 65535)
        {
            throw new CockpitValidationException(
                $"The mail server port must be between 1 and 65535 (usually 25, 465 or 587); {port} is not.");
        }

        var from = input.From?.Trim() ?? "";
        if (!MailAddresses.IsValid(from) || from.Length > 320)
        {
            throw new CockpitValidationException(
                $"The sender address '{from}' is not a valid mail address; give one like scorecockpit@example.com.");
        }

        var url = (input.PortalBaseUrl?.Trim() ?? "").TrimEnd('/');
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || url.Length > 500)
        {
            throw new CockpitValidationException(
                $"The portal address '{url}' must be an absolute http(s) URL such as https://scorecockpit.example.com: " +
                "mails link to runs with it.");
        }

        var recipients = (input.DefaultRecipients ?? []).Select(r => r.Trim()).Where(r => r.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var wrong = recipients.FirstOrDefault(r => !MailAddresses.IsValid(r));
        if (wrong is not null)
        {
            throw new CockpitValidationException(
                $"The default recipient '{wrong}' is not a valid mail address; give addresses like ops@example.com.");
        }

        if (string.Join(", ", recipients).Length > 1000)
        {
            throw new CockpitValidationException("The default recipients are too many to store (1000 characters); use a mailing list.");
        }

        var user = string.IsNullOrWhiteSpace(input.UserName) ? null : input.UserName.Trim();
        if (user is { Length: > 256 })
        {
            throw new CockpitValidationException("The mail server user name is longer than 256 characters.");
        }

        return new Valid(host, port, input.Security, user, from, url, recipients);
    }
}
