using MimeKit;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>Mail addresses as Admins and scenario authors type them ("ops@example.com" or "Ops &lt;ops@example.com&gt;").</summary>
public static class MailAddresses
{
    public static bool TryParse(string? text, out MailboxAddress address)
    {
        address = null!;
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(text.Trim(), out var parsed))
        {
            return false;
        }

        // MimeKit also accepts a bare local part; a mail that can be delivered needs a domain.
        var at = parsed.Address.LastIndexOf('@');
        if (at <= 0 || at == parsed.Address.Length - 1 || parsed.Address.Any(char.IsWhiteSpace))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Splits a typed list on commas, semicolons and line breaks.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
