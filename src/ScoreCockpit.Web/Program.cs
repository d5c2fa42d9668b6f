using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Web.Hosting;

try
{
    // Settings and assets sit beside the binaries, so the portal behaves the same whatever folder it
    // is started from; the working directory only anchors the default data folder.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddScoreCockpitPortal();

    var app = builder.Build();
    app.UseScoreCockpitPortal();
    // The store is migrated before anything listens, so no request ever meets an old schema.
    await app.Services.PrepareCockpitStoreAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is CockpitSetupException or ScoreCockpit.Engine.Accounts.CockpitValidationException)
{
    // A start-up problem a person must fix: say what and how, without a stack trace.
    await Console.Error.WriteLineAsync($"ScoreCockpit cannot start: {e.Message}");
    return 2;
}

/// <summary>Entry point, visible to the portal's integration tests.</summary>
public partial class Program;
