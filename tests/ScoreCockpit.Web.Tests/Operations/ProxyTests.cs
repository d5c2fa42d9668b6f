using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Tests.Shared.Oidc;
using ScoreCockpit.Web.Hosting;
using ScoreCockpit.Web.Tests.Accounts;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Operations;

/// <summary>
/// Behind a reverse proxy that ends TLS: the portal believes X-Forwarded-* only when told to, and only from the
/// proxies it trusts, so the company sign-in's callback and the sign-in redirects carry the address people use.
/// </summary>
public sealed class ProxyTests
{
    private const string ProxyAddress = "10.42.0.7";
    private const string Outsider = "192.0.2.9";

    private static readonly Dictionary<string, string> TrustPods = new()
    {
        ["Proxy:ForwardedHeaders"] = "true",
        ["Proxy:KnownNetworks"] = "10.42.0.0/16",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Settings_are_off_by_default_and_bad_values_are_named()
    {
        Assert.Null(ProxySettings.Resolve(Config(new Dictionary<string, string>())));
        Assert.Null(ProxySettings.Resolve(Config(new Dictionary<string, string> { ["Proxy:ForwardedHeaders"] = "false" })));
        var pods = ProxySettings.Resolve(Config(TrustPods))!;
        Assert.Equal([System.Net.IPNetwork.Parse("10.42.0.0/16")], pods.KnownNetworks);

        Assert.Contains("Proxy:KnownProxies holds '10.0.0.300'", Refused(new() { ["Proxy:ForwardedHeaders"] = "true", ["Proxy:KnownProxies"] = "10.0.0.1, 10.0.0.300" }), StringComparison.Ordinal);
        Assert.Contains("Proxy:KnownNetworks holds 'pods'", Refused(new() { ["Proxy:ForwardedHeaders"] = "true", ["Proxy:KnownNetworks"] = "pods" }), StringComparison.Ordinal);
        Assert.Contains("Proxy:ForwardedHeaders = 'yes' is neither true nor false", Refused(new() { ["Proxy:ForwardedHeaders"] = "yes" }), StringComparison.Ordinal);
        Assert.Contains("Set Proxy:ForwardedHeaders=true", Refused(new() { ["Proxy:KnownNetworks"] = "10.42.0.0/16" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_stops_the_portal_at_start_with_the_message()
    {
        var (exit, output) = await StartupProblemTests.RunPortalOnEmptyDataAsync(
            "--Proxy:ForwardedHeaders", "true", "--Proxy:KnownNetworks", "10.42.0.0/99");

        Assert.Equal(2, exit);
        Assert.Contains("ScoreCockpit cannot start: Proxy:KnownNetworks holds '10.42.0.0/99', which is not a CIDR range", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_trusted_proxy_give_the_sign_in_redirect_the_public_address()
    {
        await using var portal = new ProxiedPortal(TrustPods);

        Assert.Equal("https://cockpit.example.com/account/signin", await SignInRedirectAsync(portal, ProxyAddress));
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_from_an_untrusted_address_and_when_not_enabled()
    {
        await using (var portal = new ProxiedPortal(TrustPods))
        {
            Assert.Equal("http://localhost/account/signin", await SignInRedirectAsync(portal, Outsider));
        }

        // Off by default: even loopback, the one address trusted once enabled, is not believed.
        await using (var portal = new ProxiedPortal([]))
        {
            Assert.Equal("http://localhost/account/signin", await SignInRedirectAsync(portal, "127.0.0.1"));
        }
    }

    [Fact]
    public async Task The_company_sign_in_sends_the_provider_the_public_callback_address()
    {
        await using var provider = await TestOpenIdProvider.StartAsync();
        await using var portal = new OidcPortal(provider, TrustPods);
        await using var proxied = portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new FromAddress(ProxyAddress))));
        using var browser = proxied.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        Forwarded(browser.DefaultRequestHeaders);

        var page = await browser.GetStringAsync("/account/signin", Ct);
        var challenge = await browser.PostAsync("/account/company/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalClient.Hidden(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/",
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(provider.Issuer + "/authorize", authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("https://cockpit.example.com/signin-oidc", query["redirect_uri"].ToString());
    }

    /// <summary>Where an anonymous request for a page is sent to sign in, without its query.</summary>
    private static async Task<string> SignInRedirectAsync(ProxiedPortal portal, string from)
    {
        portal.RemoteAddress = IPAddress.Parse(from);
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });
        Forwarded(client.DefaultRequestHeaders);
        var response = await client.GetAsync("/scores", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.GetLeftPart(UriPartial.Path);
    }

    private static void Forwarded(System.Net.Http.Headers.HttpRequestHeaders headers)
    {
        headers.Add("X-Forwarded-Proto", "https");
        headers.Add("X-Forwarded-Host", "cockpit.example.com");
        headers.Add("X-Forwarded-For", "203.0.113.50");
    }

    private static string Refused(Dictionary<string, string> values) =>
        Assert.Throws<CockpitSetupException>(() => ProxySettings.Resolve(Config(values))).Message;

    private static IConfiguration Config(IReadOnlyDictionary<string, string> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))).Build();

    /// <summary>The real portal whose requests arrive from <see cref="RemoteAddress"/>, as a proxy's would.</summary>
    private sealed class ProxiedPortal(Dictionary<string, string> settings) : PortalFactory
    {
        public IPAddress RemoteAddress { get; set; } = IPAddress.Loopback;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FromAddress(() => RemoteAddress)));
        }
    }

    /// <summary>Sets the connection's address before the portal's own pipeline: the in-memory server has none.</summary>
    private sealed class FromAddress(Func<IPAddress> address) : IStartupFilter
    {
        public FromAddress(string address)
            : this(() => IPAddress.Parse(address))
        {
        }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                context.Connection.RemoteIpAddress = address();
                return following(context);
            });
            next(app);
        };
    }
}
