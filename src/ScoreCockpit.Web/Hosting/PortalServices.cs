using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using ScoreCockpit.Engine;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Web.Accounts;
using ScoreCockpit.Web.Accounts.Oidc;
using ScoreCockpit.Web.Scenarios;

namespace ScoreCockpit.Web.Hosting;

public static class PortalServices
{
    /// <summary>Everything the portal needs: data folder, cockpit store, engine, accounts and UI.</summary>
    public static WebApplicationBuilder AddScoreCockpitPortal(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var data = DataFolder.Resolve(config["data"], config[DataFolder.EnvironmentVariable]);
        data.EnsureWritable();
        var store = StoreSettings.Resolve(config["Store:Provider"], config["Store:ConnectionString"], data);

        // `dotnet run` outside Development still serves the packages' CSS and scripts.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddScoreCockpitEngine(data, store, Engine.Scoring.RunLeaseSettings.Resolve(key => config[key]),
            Engine.Warehouse.WarehouseProviders.Resolve(key => config[key]), Engine.Units.UnitSettings.Resolve(key => config[key]),
            key => config[key]).AddSignInManager();
        services.AddSingleton(Engine.Settings.CockpitTimeZone.Resolve(config[Engine.Settings.CockpitTimeZone.Setting]));
        services.AddSingleton(Engine.Localization.CockpitCulture.Resolve(config[Engine.Localization.CockpitCulture.Setting]));
        services.AddLocalization();
        services.AddTransient<MudBlazor.MudLocalizer, Localization.CockpitMudLocalizer>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddCompanySignIn(config);
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/signin";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "ScoreCockpit.Auth";
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        // Role changes and lock-outs reach open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationState>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<DemoStatus>();
        services.AddHostedService<DemoStartupService>();
        services.AddScenarioScheduling();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return builder;
    }
}
