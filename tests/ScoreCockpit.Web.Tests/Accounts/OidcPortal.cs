using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Tests.Shared.Oidc;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Accounts;

/// <summary>The real portal with company sign-in pointed at a <see cref="TestOpenIdProvider"/>.</summary>
public sealed class OidcPortal(TestOpenIdProvider provider, IReadOnlyDictionary<string, string>? extra = null) : PortalFactory
{
    public const string DisplayName = "Orange account";

    public TestOpenIdProvider Provider { get; } = provider;

    /// <summary>Everything the portal logged, down to Trace for authentication, to look for secrets in.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging
            .AddProvider(new CapturingLoggerProvider(Logs))
            .AddFilter<CapturingLoggerProvider>("Microsoft.AspNetCore.Authentication", LogLevel.Trace)
            .AddFilter<CapturingLoggerProvider>("ScoreCockpit", LogLevel.Trace));
        var settings = new Dictionary<string, string>
        {
            ["Oidc:Authority"] = Provider.Issuer,
            ["Oidc:ClientId"] = Provider.ClientId,
            ["Oidc:ClientSecret"] = Provider.ClientSecret,
            ["Oidc:DisplayName"] = DisplayName,
            ["Oidc:Roles:Viewer"] = "viewers, readers",
            ["Oidc:Roles:Analyst"] = "analysts",
            ["Oidc:Roles:Admin"] = "cockpit-admins",
            // The test provider speaks plain HTTP on loopback.
            ["Oidc:RequireHttpsMetadata"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A browser-like client on https, since the sign-in's correlation cookies are Secure.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    /// <summary>
    /// Clicks "Sign in with …", lets the provider sign <paramref name="person"/> in, and follows the callback to the
    /// portal's answer: a redirect to the asked page when signed in, or to the refusal page.
    /// </summary>
    public async Task<Uri> SignInThroughProviderAsync(HttpClient browser, TestPerson person, string returnUrl = "/")
    {
        Provider.Next = person;
        var page = await browser.GetStringAsync("/account/signin");
        var challenge = await browser.PostAsync("/account/company/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalClient.Hidden(page, "__RequestVerificationToken"),
            ["returnUrl"] = returnUrl,
        }));
        var authorize = RedirectOf(challenge, browser);
        Assert.StartsWith(Provider.Issuer + "/authorize", authorize.AbsoluteUri, StringComparison.Ordinal);

        // The provider is another site: the browser goes there without the portal's cookies.
        using var outside = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var callback = RedirectOf(await outside.GetAsync(authorize), browser);
        var complete = RedirectOf(await browser.GetAsync(callback), browser);
        Assert.True(complete.AbsolutePath == "/account/company/complete",
            $"the callback went to {complete}; provider refusals: {string.Join("; ", Provider.Refusals)}");
        return RedirectOf(await browser.GetAsync(complete), browser);
    }

    public async Task<(CockpitUser? User, IList<string> Roles)> AccountAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CockpitUser>>();
        var user = await users.FindByEmailAsync(email);
        return (user, user is null ? [] : await users.GetRolesAsync(user));
    }

    public async Task<List<AuditEntry>> AuditAsync()
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public static Uri RedirectOf(HttpResponseMessage response, HttpClient browser)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found,
            $"expected a redirect from {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(browser.BaseAddress!, location);
    }
}

/// <summary>Keeps every formatted log line, with its exception, in memory.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
