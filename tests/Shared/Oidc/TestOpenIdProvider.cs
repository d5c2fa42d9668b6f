using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ScoreCockpit.Tests.Shared.Oidc;

/// <summary>Who the provider signs in at the next authorize request, and the groups it says they are in.</summary>
public sealed record TestPerson(string Subject, string Email, params string[] Groups);

/// <summary>
/// A small OpenID provider on 127.0.0.1 for the portal's company sign-in: discovery, keys, authorize (which signs in
/// <see cref="Next"/> without asking), token with PKCE and client checks, and end_session. Real HTTP and real RS256
/// signatures, so the portal's own OpenID Connect handler validates what it receives as it would in production.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    private static readonly string[] ResponseTypes = ["code"];
    private static readonly string[] ResponseModes = ["query"];
    private static readonly string[] SubjectTypes = ["public"];
    private static readonly string[] SigningAlgorithms = [SecurityAlgorithms.RsaSha256];
    private static readonly string[] ChallengeMethods = ["S256"];
    private static readonly string[] ClientAuthMethods = ["client_secret_post", "client_secret_basic"];

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    private TestOpenIdProvider(WebApplication app, string clientId, string clientSecret)
    {
        _app = app;
        ClientId = clientId;
        ClientSecret = clientSecret;
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The issuer and base address, http://127.0.0.1:PORT.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The person the next authorize request signs in; null answers it with an error.</summary>
    public TestPerson? Next { get; set; }

    /// <summary>Every end_session request's query, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> EndSessions { get; } = new();

    /// <summary>Every id_token and access_token handed out, for tests that look for them where they must not be.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    /// <summary>Token requests refused, with the reason, so a test can say why a sign-in did not complete.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<TestOpenIdProvider> StartAsync(string clientId = "scorecockpit", string clientSecret = "test-client-secret")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new TestOpenIdProvider(app, clientId, clientSecret);
        provider.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["end_session_endpoint"] = $"{Issuer}/end_session",
            ["response_types_supported"] = ResponseTypes,
            ["response_modes_supported"] = ResponseModes,
            ["subject_types_supported"] = SubjectTypes,
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            ["code_challenge_methods_supported"] = ChallengeMethods,
            ["token_endpoint_auth_methods_supported"] = ClientAuthMethods,
        }));

        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = SecurityAlgorithms.RsaSha256, kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });

        app.MapGet("/authorize", (HttpRequest request) => Authorize(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())));
        app.MapPost("/token", async (HttpRequest request) => await TokenAsync(request));
        app.MapGet("/end_session", (HttpRequest request) =>
        {
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            EndSessions.Enqueue(query);
            return query.TryGetValue("post_logout_redirect_uri", out var back) ? Results.Redirect(back) : Results.Ok();
        });
    }

    private IResult Authorize(Dictionary<string, string> query)
    {
        string Get(string key) => query.TryGetValue(key, out var value) ? value : "";

        if (Get("client_id") != ClientId || Get("response_type") != "code" || Get("redirect_uri").Length == 0)
        {
            return Results.BadRequest("authorize needs this client's client_id, response_type=code and a redirect_uri");
        }

        if (Get("code_challenge_method") != "S256" || Get("code_challenge").Length == 0)
        {
            return Results.BadRequest("authorize needs a PKCE code_challenge with S256");
        }

        if (Next is not { } person)
        {
            return Results.BadRequest("the test set no person to sign in");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new Grant(person, Get("redirect_uri"), Get("code_challenge"), Get("nonce"));
        return Results.Redirect(QueryHelpers.AddQueryString(Get("redirect_uri"), new Dictionary<string, string?>
        {
            ["code"] = code,
            ["state"] = Get("state"),
        }));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientOf(request, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            return Refuse("invalid_client", "wrong client_id or client_secret");
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return Refuse("invalid_grant", "unknown or already used code");
        }

        if (form["redirect_uri"] != grant.RedirectUri)
        {
            return Refuse("invalid_grant", "redirect_uri differs from the authorize request");
        }

        var verifier = form["code_verifier"].ToString();
        if (verifier.Length == 0 || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
        {
            return Refuse("invalid_grant", "the PKCE code_verifier does not match the code_challenge");
        }

        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = grant.Person.Subject,
            ["email"] = grant.Person.Email,
            ["groups"] = grant.Person.Groups,
        };
        if (grant.Nonce.Length > 0)
        {
            claims["nonce"] = grant.Nonce;
        }

        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        IssuedTokens.Enqueue(idToken);
        IssuedTokens.Enqueue(accessToken);
        return Results.Json(new Dictionary<string, object>
        {
            ["id_token"] = idToken,
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
        });
    }

    private static (string? ClientId, string? Secret) ClientOf(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private IResult Refuse(string error, string reason)
    {
        Refusals.Enqueue(reason);
        return Results.Json(new { error, error_description = reason }, statusCode: StatusCodes.Status400BadRequest);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private sealed record Grant(TestPerson Person, string RedirectUri, string Challenge, string Nonce);
}
