using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;

namespace ScoreCockpit.Web.Accounts;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A POST with an antiforgery token, so a link on another site cannot sign people out.
        endpoints.MapPost("/account/signout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<CockpitUser> signIns, AuditLog audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("Sign out from the portal's own menu: this request carried no valid form token.");
            }

            var name = http.User.Identity?.Name;
            var throughProvider = await Oidc.OidcSignOut.CameThroughProviderAsync(http);
            await signIns.SignOutAsync();
            if (name is not null)
            {
                await audit.WriteAsync(name, AuditActions.SignOut);
            }

            var endSession = throughProvider ? await Oidc.OidcSignOut.EndSessionAddressAsync(http) : null;
            return endSession is not null ? Results.Redirect(endSession) : Results.LocalRedirect("/account/signin?signedOut=true");
        });
    }
}
