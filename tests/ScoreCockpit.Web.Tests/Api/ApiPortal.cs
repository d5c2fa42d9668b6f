using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Accounts.Tokens;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Api;

/// <summary>One real portal shared by the API tests (each test makes its own accounts and tokens), with a quick scenario.</summary>
public sealed class ApiPortal : IAsyncLifetime
{
    public const string Password = "Portal2026ok";
    public const string Scenario = "quick-dates";

    private const string Definition = """
        {
          "steps": [ { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "today" } ] } ],
          "triggers": [ { "type": "weekly", "days": ["wednesday"], "time": "11:40" } ]
        }
        """;

    public PortalFactory Portal { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Portal.AddUserAsync("author@example.com", Password, Roles.Analyst);
        await Portal.Services.GetRequiredService<SaveScenarioHandler>().HandleAsync(
            new SaveScenario(Scenario, null, Definition), Actor.Of("author@example.com", Roles.Analyst), CancellationToken.None);
    }

    /// <summary>A new account with the roles, and a token of the scope made through the engine's handler, as the page does.</summary>
    public async Task<(string Email, string Secret)> TokenAsync(TokenScope scope, params string[] roles)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await Portal.AddUserAsync(email, Password, roles);
        var created = await Portal.Services.GetRequiredService<CreateTokenHandler>().HandleAsync(
            new CreateToken("test tool", scope), new Actor(email, new HashSet<string>(roles)));
        return (email, created.Secret);
    }

    public HttpClient Client(string? secret = null)
    {
        var client = Portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    public async Task<CockpitDbContext> StoreAsync() =>
        await Portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync() => await Portal.DisposeAsync();
}
