using System.Globalization;
using Microsoft.AspNetCore.Localization;
using ScoreCockpit.Engine.Localization;

namespace ScoreCockpit.Web.Localization;

/// <summary>Which language and number conventions a request gets: the person's choice (a cookie written at sign-in and
/// by the user menu), else the browser's, else the installation's. Blazor Server keeps the culture of the circuit's
/// first request, so a change of language reloads the page.</summary>
internal static class PortalCultures
{
    // Regions whose number and date conventions the portal follows; the words are English or French only.
    private static readonly string[] Formats =
        ["en-GB", "en-US", "en-IE", "en-CA", "fr-FR", "fr-BE", "fr-CH", "fr-CA", "fr-LU", "de-DE", "es-ES", "it-IT", "nl-NL", "pt-PT"];

    private static readonly string[] Words = ["en", "en-GB", "en-US", "en-IE", "en-CA", "fr", "fr-FR", "fr-BE", "fr-CH", "fr-CA", "fr-LU"];

    public static IApplicationBuilder UsePortalCultures(this IApplicationBuilder app, CockpitCulture installation)
    {
        var fallback = installation.Culture.Name;
        return app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(fallback).AddSupportedCultures(Formats).AddSupportedUICultures(Words);
            o.FallBackToParentUICultures = true;
            // A cookie or the browser may name a region we do not list (fr-MA): its language still applies.
            o.FallBackToParentCultures = true;
        });
    }

    /// <summary>The value of the culture cookie for a language the person chose.</summary>
    public static string CookieValue(CultureInfo culture) => CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));

    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>Writes the person's language for the requests to come; null forgets it, so the browser decides again.</summary>
    public static void Remember(HttpResponse response, string? language)
    {
        if (language is null || !SupportedCultures.TryFind(language, out var culture))
        {
            response.Cookies.Delete(CookieName);
            return;
        }

        response.Cookies.Append(CookieName, CookieValue(culture),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
    }
}
