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
            key => config[key]).AddSignInManager<CockpitSignInManager>();
        services.AddSingleton(Engine.Settings.CockpitTimeZone.Resolve(config[Engine.Settings.CockpitTimeZone.Setting]));
        services.AddSingleton(Engine.Localization.CockpitCulture.Resolve(config[Engine.Localization.CockpitCulture.Setting]));
        services.AddLocalization();
        services.AddTransient<MudBlazor.MudLocalizer, Localization.CockpitMudLocalizer>();

        if (ProxySettings.Resolve(config) is { } proxy)
        {
            services.AddSingleton(proxy);
            services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(proxy.Apply);
        }

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
        // Role changes, lock-outs and disabled accounts reach open sessions within a minute, on the cockpit's clock.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
            (o.ValidationInterval, o.TimeProvider) = (TimeSpan.FromMinutes(1), time));
        var resetLifetime = Engine.Accounts.ResetTokenOptions.Resolve(config[Engine.Accounts.ResetTokenOptions.Setting]);
        services.Configure<Engine.Accounts.ResetTokenOptions>(o => o.Lifetime = resetLifetime);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationState>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<DemoStatus>();
        services.AddHostedService<DemoStartupService>();
        services.AddScenarioScheduling();
        Api.ApiServices.AddScoreCockpitApi(builder);
        Health.HealthEndpoints.AddPortalHealth(services, config);
        Telemetry.PortalTelemetry.AddPortalTelemetry(services, config);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return builder;
    }
}
