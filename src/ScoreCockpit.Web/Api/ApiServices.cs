using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace ScoreCockpit.Web.Api;

public static class ApiServices
{
    public const string ReadPolicy = "api-read";
    public const string RunPolicy = "api-run";
    public const string RateLimitPolicy = "api-per-token";
    public const string RequestsPerMinuteSetting = "Api:RequestsPerMinute";
    public const int DefaultRequestsPerMinute = 120;

    /// <summary>The token scheme, the API's policies, its per-token rate limit and its OpenAPI document.</summary>
    public static WebApplicationBuilder AddScoreCockpitApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var perMinute = int.TryParse(builder.Configuration[RequestsPerMinuteSetting], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : DefaultRequestsPerMinute;

        new AuthenticationBuilder(services).AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, Scoped("read"))
            .AddPolicy(RunPolicy, Scoped("run"));

        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(ApiTokenAuthentication.TokenIdClaim)?.Value ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limits.OnRejected = async (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This token may make {perMinute} requests a minute. Wait {seconds} s (the Retry-After header), then go on.");
            };
        });

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddOpenApi(ApiEndpoints.DocumentName, openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer<ApiDocument>();
        });
        return builder;
    }

    // Only the token scheme: a portal cookie never authenticates an API call.
    private static AuthorizationPolicy Scoped(string scope) => new AuthorizationPolicyBuilder(ApiTokenAuthentication.SchemeName)
        .RequireAuthenticatedUser().RequireClaim(ApiTokenAuthentication.ScopeClaim, scope).Build();
}
