using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ScoreCockpit.Web.Accounts.Oidc;

/// <summary>Ends the provider's session too, for people who came through it, so "sign out" really signs out.</summary>
internal static class OidcSignOut
{
    /// <summary>Kept in the cookie's properties, which survive its renewals, unlike extra claims.</summary>
    public const string ViaItem = "scorecockpit.via";

    /// <summary>Whether the current application cookie was issued by a company sign-in; read before signing out.</summary>
    public static async Task<bool> CameThroughProviderAsync(HttpContext http)
    {
        if (!http.RequestServices.GetRequiredService<CompanySignIn>().Enabled)
        {
            return false;
        }

        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return session.Properties?.Items.TryGetValue(ViaItem, out var via) == true && via == OidcSettings.Scheme;
    }

    /// <summary>The provider's end_session address back to our sign-in page, or null when it has none.</summary>
    public static async Task<string?> EndSessionAddressAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcSettings.Scheme);
        string? endpoint;
        try
        {
            endpoint = (await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted)).EndSessionEndpoint;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            // The provider is unreachable: the local session is over anyway, which is what matters here.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignOut))
                .LogWarning("Signed out locally only: the identity provider's configuration could not be read ({Reason})", e.Message);
            return null;
        }

        if (string.IsNullOrEmpty(endpoint))
        {
            return null;
        }

        var back = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/account/signin?signedOut=true";
        return QueryHelpers.AddQueryString(endpoint, new Dictionary<string, string?>
        {
            ["client_id"] = options.ClientId,
            ["post_logout_redirect_uri"] = back,
        });
    }
}
