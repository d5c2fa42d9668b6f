namespace ScoreCockpit.Web.Accounts;

internal static class ReturnUrls
{
    /// <summary>Only paths of this site: an open redirect after sign-in would help phishing.</summary>
    public static string Safe(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
