using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Web.Hosting;

namespace ScoreCockpit.Web.Accounts.Oidc;

/// <summary>The <c>Oidc</c> section: the company's identity provider and how its claim values give roles.</summary>
public sealed record OidcSettings(
    string Authority,
    string ClientId,
    string? ClientSecret,
    IReadOnlyList<string> Scopes,
    string DisplayName,
    string RoleClaim,
    IReadOnlyDictionary<string, IReadOnlySet<string>> RoleValues,
    string EmailClaim,
    bool LocalAccounts,
    bool RequireHttpsMetadata)
{
    public const string Section = "Oidc";

    /// <summary>The authentication scheme, and the provider name stored with each linked login.</summary>
    public const string Scheme = "oidc";

    private static readonly string[] Required = ["Authority", "ClientId"];

    /// <summary>
    /// The settings, or null when no key of the section is set (no company sign-in at all). A partial section
    /// stops the start: a portal that silently ignores its sign-in settings would lock people out, or worse, in.
    /// </summary>
    public static OidcSettings? Resolve(IConfiguration config)
    {
        var section = config.GetSection(Section);
        if (!section.AsEnumerable(makePathsRelative: true).Any(kv => !string.IsNullOrWhiteSpace(kv.Value)))
        {
            return null;
        }

        string? Text(string key) => string.IsNullOrWhiteSpace(section[key]) ? null : section[key]!.Trim();

        var missing = Required.Where(k => Text(k) is null).ToList();
        var roleValues = Roles.All.ToDictionary(r => r, r => (IReadOnlySet<string>)Values(Text($"Roles:{r}")), StringComparer.Ordinal);
        if (roleValues.Values.All(v => v.Count == 0))
        {
            missing.Add("Roles:Viewer, Roles:Analyst or Roles:Admin");
        }

        if (missing.Count > 0)
        {
            throw new CockpitSetupException(
                $"Company sign-in (section Oidc) is only partly configured: {string.Join(", ", missing.Select(k => $"Oidc:{k}"))} "
                + "missing. Set Oidc:Authority, Oidc:ClientId and at least one Oidc:Roles:* mapping, or remove the Oidc section "
                + "to sign in with local accounts only (see docs/company-sign-in.md).");
        }

        var authority = Text("Authority")!;
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CockpitSetupException(
                $"Oidc:Authority = '{authority}' is not an http(s) address. Give the issuer address of the identity provider, "
                + "e.g. https://login.microsoftonline.com/TENANT/v2.0 or https://keycloak.example.com/realms/REALM.");
        }

        var scopes = (Text("Scopes") ?? "openid profile email").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            scopes.Insert(0, "openid");
        }

        return new OidcSettings(
            authority,
            Text("ClientId")!,
            Text("ClientSecret"),
            scopes,
            Text("DisplayName") ?? "company account",
            Text("RoleClaim") ?? "groups",
            roleValues,
            Text("EmailClaim") ?? "email",
            SettingFlag.Read(section, "LocalAccounts", true),
            SettingFlag.Read(section, "RequireHttpsMetadata", true));
    }

    private static HashSet<string> Values(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>The roles the claim values give, in the canonical order; empty when none maps.</summary>
    public IReadOnlyList<string> RolesFor(IEnumerable<string> claimValues)
    {
        var values = claimValues.Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
        return Roles.All.Where(role => RoleValues[role].Overlaps(values)).ToList();
    }

    /// <summary>Never prints the client secret.</summary>
    public override string ToString() => $"OidcSettings {{ Authority = {Authority}, ClientId = {ClientId}, DisplayName = {DisplayName} }}";
}

/// <summary>Whether company sign-in is on, for pages and endpoints; registered whatever the configuration.</summary>
public sealed record CompanySignIn(OidcSettings? Settings)
{
    public bool Enabled => Settings is not null;

    /// <summary>Password sign-in stays on unless company sign-in is configured to replace it.</summary>
    public bool LocalAccounts => Settings?.LocalAccounts ?? true;
}
