using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Accounts.Tokens;

namespace ScoreCockpit.Web.Api;

/// <summary>
/// Signs a request in by its `Authorization: Bearer sc_pat_…` header. The principal carries the owner's roles as they
/// are now (a role removed since the token was made is gone) and the token's scopes, so handlers and policies check
/// both. Answers 401 and 403 as problem details, never with a redirect to the sign-in page.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenLookup tokens, UserManager<CockpitUser> users, SignInManager<CockpitUser> signIns)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "scope";
    public const string TokenIdClaim = "token_id";

    private const string FailureKey = "ScoreCockpit.ApiTokenFailure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            return Fail("The token is unknown, revoked or expired. Make a new one on the Tokens page of your account (/account/tokens).");
        }

        var user = await users.FindByIdAsync(token.UserId);
        if (user is null || await users.IsLockedOutAsync(user) || !await signIns.CanSignInAsync(user))
        {
            return Fail("The token's account cannot sign in (it is locked or disabled). Ask an Admin to restore it.");
        }

        var person = await signIns.CreateUserPrincipalAsync(user);
        var identity = new ClaimsIdentity(person.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ScopeClaim, "read"));
        if (token.Scope == TokenScope.Run)
        {
            identity.AddClaim(new Claim(ScopeClaim, "run"));
        }

        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"ScoreCockpit API\"";
        var detail = Context.Items[FailureKey] as string
            ?? "Send a personal access token in the header `Authorization: Bearer sc_pat_…`; make one on the Tokens page of your account (/account/tokens).";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "A valid API token is needed", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "The token does not allow this",
            "Starting runs needs a token with the run scope. Make one on /account/tokens (it needs the Analyst role).");

    private AuthenticateResult Fail(string why)
    {
        Context.Items[FailureKey] = why;
        return AuthenticateResult.Fail(why);
    }
}
