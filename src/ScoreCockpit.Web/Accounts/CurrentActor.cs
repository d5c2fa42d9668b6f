using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Web.Accounts;

/// <summary>The signed-in person as the engine's handlers see them.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return From(state.User);
    }

    public static Actor From(ClaimsPrincipal user) => new(
        user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet());
}
