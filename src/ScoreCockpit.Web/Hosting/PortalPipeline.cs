using Microsoft.Extensions.FileProviders;
using ScoreCockpit.Web.Accounts;
using ScoreCockpit.Web.Accounts.Oidc;
using ScoreCockpit.Web.Components;
using ScoreCockpit.Web.Localization;
using ScoreCockpit.Web.Portfolio;
using ScoreCockpit.Web.Reporting;
using ScoreCockpit.Web.Scenarios;
using ScoreCockpit.Web.Scores;

namespace ScoreCockpit.Web.Hosting;

public static class PortalPipeline
{
    public static WebApplication UseScoreCockpitPortal(this WebApplication app)
    {
        // First, so that everything after it (sign-in callbacks, cookies, redirects) sees the address the browser used.
        if (app.Services.GetService<ProxySettings>() is not null)
        {
            app.UseForwardedHeaders();
        }

        // Never a stack trace on a page, whatever the environment.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found");

        var brand = Path.Combine(AppContext.BaseDirectory, "brand");
        if (Directory.Exists(brand))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(brand), RequestPath = "/brand" });
        }

        app.UsePortalCultures(app.Services.GetRequiredService<Engine.Localization.CockpitCulture>());

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        Health.HealthEndpoints.MapHealthEndpoints(app);
        app.MapAccountEndpoints();
        app.MapCompanySignIn();
        app.MapLanguageEndpoints();
        app.MapScoreEndpoints();
        app.MapScoreDownloadEndpoints();
        app.MapPortfolioEndpoints();
        app.MapReportEndpoints();
        Api.ApiEndpoints.MapScoreCockpitApi(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.UseScenarioScheduling();
        return app;
    }
}
