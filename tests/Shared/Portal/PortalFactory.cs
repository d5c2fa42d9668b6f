using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Tests.Shared;

/// <summary>The real portal over its own temporary data folder (SQLite store), deleted on dispose.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public PortalFactory()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "scorecockpit-tests", Guid.NewGuid().ToString("N"));
    }

    public string DataPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", DataPath);
        // Tests that want the demo install it themselves, at the size they need.
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseEnvironment("Production");
    }

    public async Task<CockpitUser> AddUserAsync(string email, string password, params string[] roles)
    {
        var handler = Services.GetRequiredService<AddUserHandler>();
        return await handler.HandleAsync(new AddUser(email, password, roles), Actor.System);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the temp folder is cleaned by the OS later.
        }
    }
}
