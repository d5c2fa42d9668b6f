using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Web.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddScoreCockpitPortal();

    var app = builder.Build();
    app.UseScoreCockpitPortal();
    // The store is migrated before anything listens, so no request ever meets an old schema.
    await app.Services.PrepareCockpitStoreAsync();
    await app.RunAsync();
    return 0;
}
catch (CockpitSetupException e)
{
    // A start-up problem a person must fix: say what and how, without a stack trace.
    await Console.Error.WriteLineAsync($"ScoreCockpit cannot start: {e.Message}");
    return 2;
}

/// <summary>Entry point, visible to the portal's integration tests.</summary>
public partial class Program;
