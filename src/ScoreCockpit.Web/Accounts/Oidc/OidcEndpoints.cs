using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace ScoreCockpit.Web.Accounts.Oidc;

internal static class OidcEndpoints
{
    public static void MapCompanySignIn(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<CompanySignIn>().Enabled)
        {
            return;
        }

        // A POST with an antiforgery token: a link on another site cannot start a sign-in in someone's name.
        endpoints.MapPost("/account/company/signin", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("Start the company sign-in from the portal's sign-in page: this request carried no valid form token.");
            }

            var returnUrl = ReturnUrls.Safe((await http.Request.ReadFormAsync())["returnUrl"]);
            var properties = new AuthenticationProperties
            {
                RedirectUri = $"/account/company/complete?returnUrl={Uri.EscapeDataString(returnUrl)}",
            };
            return Results.Challenge(properties, [OidcSettings.Scheme]);
        }).AllowAnonymous();

        endpoints.MapGet("/account/company/complete", (HttpContext http, CompanySignInCompletion completion, string? returnUrl) =>
            completion.CompleteAsync(http, returnUrl)).AllowAnonymous();
    }
}
