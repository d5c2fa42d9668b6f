using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Accounts.Tokens;
using Xunit;

namespace ScoreCockpit.Web.Tests.Api;

/// <summary>The published description matches the routes the app really serves, and the store never holds a secret.</summary>
public sealed partial class ApiDocumentTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_openapi_document_lists_every_api_route_and_the_bearer_scheme()
    {
        var response = await api.Client().GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();

        // Every route the app serves under /api/v1, found in its endpoints: a new one cannot be left out of the document.
        var served = api.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Plain(e.RoutePattern.RawText!)}"))
            .ToHashSet();

        Assert.True(served.Count >= 10, $"The API serves {served.Count} routes.");
        Assert.Equal(served.Order(), documented.Order());
        Assert.Equal("http", document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiDocumentScheme).GetProperty("type").GetString());
        Assert.Contains(document.GetProperty("security").EnumerateArray(), r => r.TryGetProperty(ApiDocumentScheme, out _));
    }

    [Fact]
    public async Task Token_secrets_are_stored_only_as_hashes()
    {
        var (email, secret) = await api.TokenAsync(TokenScope.Read, Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await api.Client(secret).GetAsync("/api/v1/scores", Ct)).StatusCode);

        await using (var db = await api.StoreAsync())
        {
            var token = await db.PersonalAccessTokens.AsNoTracking().SingleAsync(t => t.Prefix == TokenSecrets.PrefixOf(secret), Ct);
            Assert.Equal(TokenSecrets.Hash(secret), token.SecretHash);
            Assert.Matches("^[0-9a-f]{64}$", token.SecretHash);
            Assert.DoesNotContain(await db.AuditEntries.AsNoTracking().Where(e => e.Actor == email).ToListAsync(Ct),
                e => (e.Subject + e.Details).Contains(secret[TokenSecrets.PrefixLength..], StringComparison.Ordinal));
        }

        // The whole data folder, store and its journal included: the secret's hidden part is nowhere.
        var hidden = Encoding.UTF8.GetBytes(secret[TokenSecrets.PrefixLength..]);
        foreach (var file in Directory.EnumerateFiles(api.Portal.DataPath, "*", SearchOption.AllDirectories))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            Assert.True(copy.ToArray().AsSpan().IndexOf(hidden) < 0, $"{file} holds a token secret.");
        }
    }

    private const string ApiDocumentScheme = "personalAccessToken";

    // "/api/v1/runs/{id:long}" is documented as "/api/v1/runs/{id}".
    private static string Plain(string route) => Constraint().Replace(route, "}");

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();
}
