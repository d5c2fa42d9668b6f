using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Localization;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>A mail ready to send: alerts, test mails.</summary>
public sealed record MailMessageDraft(IReadOnlyList<string> To, string Subject, string TextBody, string? HtmlBody);

/// <summary>The mail server could not take the mail; the message names the server and what to check.</summary>
public sealed class MailDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Sends mails through the mail server an Admin set under Admin → Settings.</summary>
/// <param name="installation">The language of the test mail, which is about no score.</param>
public sealed class MailSender(MailSettingsHandler settings, TimeProvider time, CockpitCulture installation)
{
    private const int TimeoutMilliseconds = 30_000;

    public async Task SendAsync(MailMessageDraft draft, CancellationToken ct = default)
    {
        var server = await settings.ResolveAsync(ct) ?? throw NotConfigured();
        var message = Compose(server.Settings, draft);
        var (host, port) = (server.Settings.Host, server.Settings.Port);
        using var client = new SmtpClient { Timeout = TimeoutMilliseconds };
        await ConnectAsync(client, server.Settings, ct);
        if (server.Settings.UserName is { } user)
        {
            try
            {
                await client.AuthenticateAsync(user, server.Password ?? "", ct);
            }
            catch (AuthenticationException e)
            {
                throw new MailDeliveryException(
                    $"The mail server {host}:{port} refused the user name '{user}' and its password: " +
                    "check them under Admin → Settings → Mail.", e);
            }
            catch (NotSupportedException e)
            {
                throw new MailDeliveryException(
                    $"The mail server {host}:{port} does not offer a way to sign in on this connection: " +
                    "turn on STARTTLS or SSL on connect, or clear the user name if it accepts mail without one.", e);
            }
        }

        try
        {
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
        {
            throw new MailDeliveryException($"The mail server {host}:{port} did not accept the mail: {e.Message}", e);
        }
    }

    /// <summary>Sends a short mail so an Admin sees the settings work; returns what to tell them.</summary>
    public async Task<string> SendTestAsync(string to, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "send a test mail");
        if (!MailAddresses.IsValid(to))
        {
            throw new CockpitValidationException($"'{to}' is not a valid mail address; type one like you@example.com.");
        }

        var configured = await settings.GetAsync(ct) ?? throw NotConfigured();
        var texts = MailLanguage.Texts(installation.Culture);
        var port = configured.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(new MailMessageDraft([to.Trim()], texts["TestSubject"],
            texts.Format("TestBody", actor.Name, configured.PortalBaseUrl, configured.Host, port), null), ct);
        return $"Test mail sent to {to.Trim()} through {configured.Host}:{configured.Port}.";
    }

    private static CockpitValidationException NotConfigured() => new(
        "No mail server is set: an Admin enters one under Admin → Settings → Mail before mails can be sent.");

    private MimeMessage Compose(MailSettings server, MailMessageDraft draft)
    {
        if (draft.To.Count == 0)
        {
            throw new CockpitValidationException(
                $"The mail '{draft.Subject}' has no recipient: give the reporter's recipients or default recipients under Admin → Settings → Mail.");
        }

        var message = new MimeMessage { Subject = draft.Subject, Date = time.GetLocalNow() };
        message.From.Add(MailAddresses.TryParse(server.From, out var from) ? from : throw new CockpitValidationException(
            $"The sender address '{server.From}' is not valid: correct it under Admin → Settings → Mail."));
        foreach (var to in draft.To)
        {
            message.To.Add(MailAddresses.TryParse(to, out var address)
                ? address
                : throw new CockpitValidationException($"The recipient '{to}' is not a valid mail address."));
        }

        // Marks the mail as sent by a machine, so mail servers do not answer it with out-of-office replies.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = draft.TextBody, HtmlBody = draft.HtmlBody }.ToMessageBody();
        return message;
    }

    private static string Words(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "no answer",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "unreachable",
        _ => error.ToString(),
    };

    private static async Task ConnectAsync(SmtpClient client, MailSettings server, CancellationToken ct)
    {
        var (host, port) = (server.Host, server.Port);
        var options = server.Security switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        try
        {
            await client.ConnectAsync(host, port, options, ct);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
        {
            throw new MailDeliveryException(
                $"The mail server name {host} cannot be found: check the host under Admin → Settings → Mail.", e);
        }
        catch (SocketException e)
        {
            throw new MailDeliveryException(
                $"Cannot connect to the mail server {host}:{port} ({Words(e.SocketErrorCode)}): check the host and port under " +
                "Admin → Settings → Mail and that the server accepts connections from this machine.", e);
        }
        catch (SslHandshakeException e)
        {
            throw new MailDeliveryException(
                $"The secure connection to the mail server {host}:{port} failed ({server.Security}): check the security setting " +
                "(STARTTLS usually on 587, SSL on connect on 465) and that the server's certificate is trusted by this machine.", e);
        }
        catch (NotSupportedException e)
        {
            throw new MailDeliveryException(
                $"The mail server {host}:{port} does not offer STARTTLS: choose another security setting or port under " +
                "Admin → Settings → Mail.", e);
        }
        catch (Exception e) when (e is SmtpProtocolException or SmtpCommandException or IOException or TimeoutException)
        {
            throw new MailDeliveryException(
                $"The mail server {host}:{port} did not answer as a mail server ({e.Message}): check the host, port and security " +
                "under Admin → Settings → Mail.", e);
        }
    }
}
