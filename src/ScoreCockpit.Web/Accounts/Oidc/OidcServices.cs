using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ScoreCockpit.Web.Accounts.Oidc;

public static class OidcServices
{
    /// <summary>Company sign-in when the <c>Oidc</c> section is set; otherwise only the <see cref="CompanySignIn"/> switch (off).</summary>
    public static IServiceCollection AddCompanySignIn(this IServiceCollection services, IConfiguration config)
    {
        var settings = OidcSettings.Resolve(config);
        services.AddSingleton(new CompanySignIn(settings));
        if (settings is null)
        {
            return services;
        }

        services.AddScoped<CompanySignInCompletion>();
        services.AddAuthentication().AddOpenIdConnect(OidcSettings.Scheme, settings.DisplayName, oidc =>
        {
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            // The code is single-use and bound to the PKCE verifier, so it may travel in the query string.
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.Scope.Clear();
            foreach (var scope in settings.Scopes)
            {
                oidc.Scope.Add(scope);
            }

            // The external cookie only carries the person from the callback to our own endpoint, which then signs
            // them in with the application cookie; tokens are neither kept nor needed after that.
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.SaveTokens = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            // Claims keep the names the provider gives (sub, email, groups), which are the names the settings use.
            oidc.MapInboundClaims = false;
            oidc.Events.OnRemoteFailure = context =>
            {
                // The reason goes to the log (it never holds a token); the person gets a page that says what to do.
                var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcServices));
                log.LogWarning("Company sign-in failed at the callback: {Reason}", context.Failure?.Message);
                context.Response.Redirect($"{context.Request.PathBase}/account/signin?companyFailed=true");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
