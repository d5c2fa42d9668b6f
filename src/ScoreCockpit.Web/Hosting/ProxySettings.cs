using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Web.Hosting;

/// <summary>
/// The <c>Proxy</c> section: a reverse proxy (a Kubernetes ingress, a load balancer) that ends TLS in front of the
/// portal. With <c>Proxy:ForwardedHeaders=true</c> the portal takes the scheme, host and client address from the
/// X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-For headers, but only from the proxies it trusts: loopback by
/// default, or those listed in <c>Proxy:KnownProxies</c> (addresses) and <c>Proxy:KnownNetworks</c> (CIDR ranges).
/// Without it, the company sign-in would send the provider an http:// callback address for an https:// portal.
/// </summary>
public sealed record ProxySettings(IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<System.Net.IPNetwork> KnownNetworks)
{
    public const string Section = "Proxy";

    /// <summary>The settings, or null when forwarded headers are off (the default): the headers are then ignored.</summary>
    public static ProxySettings? Resolve(IConfiguration config)
    {
        var section = config.GetSection(Section);
        if (!SettingFlag.Read(section, "ForwardedHeaders", fallback: false))
        {
            if (!string.IsNullOrWhiteSpace(section["KnownProxies"]) || !string.IsNullOrWhiteSpace(section["KnownNetworks"]))
            {
                throw new CockpitSetupException(
                    "Proxy:KnownProxies or Proxy:KnownNetworks is set but Proxy:ForwardedHeaders is not true: the forwarded headers "
                    + "would be ignored. Set Proxy:ForwardedHeaders=true, or remove the Proxy section (see docs/operations.md).");
            }

            return null;
        }

        var proxies = Items(section["KnownProxies"]).Select(item => IPAddress.TryParse(item, out var address)
            ? address
            : throw new CockpitSetupException(
                $"Proxy:KnownProxies holds '{item}', which is not an IP address. List the proxies' addresses separated by commas, "
                + "e.g. 10.0.0.12, 10.0.0.13.")).ToList();
        var networks = Items(section["KnownNetworks"]).Select(item => System.Net.IPNetwork.TryParse(item, out var network)
            ? network
            : throw new CockpitSetupException(
                $"Proxy:KnownNetworks holds '{item}', which is not a CIDR range. List ranges separated by commas, e.g. 10.42.0.0/16.")).ToList();
        return new ProxySettings(proxies, networks);
    }

    /// <summary>The framework's options: only the listed proxies are believed, one hop at a time.</summary>
    public void Apply(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        if (KnownProxies.Count == 0 && KnownNetworks.Count == 0)
        {
            // The framework's default: loopback only, for a proxy on the same machine or in the same pod.
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    private static string[] Items(string? list) =>
        (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
