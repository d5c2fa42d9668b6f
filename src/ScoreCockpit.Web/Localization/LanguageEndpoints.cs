using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Web.Accounts;

namespace ScoreCockpit.Web.Localization;

internal static class LanguageEndpoints
{
    /// <summary>The user menu's language choice: kept with the account, written to the culture cookie, then the page
    /// the person was on reloads in that language.</summary>
    public static void MapLanguageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/language", async (HttpContext http, IAntiforgery antiforgery, UserManager<CockpitUser> users) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("Change the language from the portal's own menu: this request carried no valid form token.");
            }

            var form = await http.Request.ReadFormAsync();
            var asked = form["language"].ToString().Trim();
            string? language = asked is "" or "browser" ? null : asked;
            if (language is not null && !SupportedCultures.Languages.Contains(language))
            {
                return Results.BadRequest($"'{asked}' is not a language of the portal. Supported: {SupportedCultures.Described}, or 'browser'.");
            }

            var user = await users.GetUserAsync(http.User);
            if (user is not null && user.Language != language)
            {
                user.Language = language;
                await users.UpdateAsync(user);
            }

            PortalCultures.Remember(http.Response, language);
            return Results.LocalRedirect(ReturnUrls.Safe(form["returnUrl"].ToString()));
        }).RequireAuthorization();
    }
}
