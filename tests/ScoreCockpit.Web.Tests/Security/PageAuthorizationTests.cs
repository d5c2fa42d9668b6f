using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using ScoreCockpit.Engine.Accounts;
using Xunit;

namespace ScoreCockpit.Web.Tests.Security;

/// <summary>
/// Every routable page of the portal states who may open it, found by reflection: [Authorize] (with the roles its
/// actions need) or [AllowAnonymous] from the list below. A new page without a decision fails here.
/// </summary>
public sealed class PageAuthorizationTests
{
    /// <summary>Route → why a person who is not signed in may open it.</summary>
    private static readonly Dictionary<string, string> Anonymous = new(StringComparer.Ordinal)
    {
        ["/account/signin"] = "signing in is how one stops being anonymous",
        ["/setup"] = "creates the first Admin of an empty install, and refuses once one exists",
        ["/not-found"] = "the answer to any unknown address, signed in or not",
        ["/error"] = "the error page must render even when authentication itself failed",
        ["/account/forgot"] = "a person who forgot their password cannot sign in to ask for a new one",
        ["/account/reset"] = "the mailed link is opened by someone who cannot sign in yet",
        ["/account/company/refused/{Reason}"] = "says why the company's identity provider's answer was refused, before any session exists",
    };

    /// <summary>Pages with actions that change things: the least role their page attribute must demand.</summary>
    private static readonly Dictionary<string, string> Editors = new(StringComparer.Ordinal)
    {
        ["/scores/new"] = Roles.Analyst,
        ["/scores/{Name}/edit"] = Roles.Analyst,
        ["/scenarios/new"] = Roles.Analyst,
        ["/scenarios/{Name}/edit"] = Roles.Analyst,
        ["/data/import"] = Roles.Analyst,
        ["/admin/users"] = Roles.Admin,
        ["/admin/connections"] = Roles.Admin,
        ["/admin/settings"] = Roles.Admin,
        ["/admin/audit"] = Roles.Admin,
    };

    public static IReadOnlyList<(Type Page, string Route)> Pages { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (t, r.Template)))
        .OrderBy(p => p.Template, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void Every_page_says_who_may_open_it()
    {
        Assert.True(Pages.Count >= 20, $"Only {Pages.Count} routable pages found: the search is broken.");
        var problems = new List<string>();
        foreach (var (page, route) in Pages)
        {
            var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToList();
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null;
            if (anonymous != Anonymous.ContainsKey(route))
            {
                problems.Add(anonymous
                    ? $"{route} ({page.Name}) allows anonymous visitors but is not in the Anonymous list with a reason."
                    : $"{route} ({page.Name}) is listed as anonymous but has no [AllowAnonymous].");
            }

            if (!anonymous && authorize.Count == 0)
            {
                problems.Add($"{route} ({page.Name}) has neither [Authorize] nor [AllowAnonymous]: add @attribute [Authorize(Roles = …)].");
            }

            if (Editors.TryGetValue(route, out var role) && !authorize.Any(a => Demands(a, role)))
            {
                problems.Add($"{route} ({page.Name}) changes things but does not demand {role}: add @attribute [Authorize(Roles = Roles.{role})].");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(Anonymous.Keys.Concat(Editors.Keys), r => Assert.Contains(r, Pages.Select(p => p.Route)));
    }

    // Roles = "Admin" demands Admin; a list such as "Analyst,Admin" demands at least the weakest role in it.
    private static bool Demands(AuthorizeAttribute attribute, string role)
    {
        var listed = (attribute.Roles ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var rank = new[] { Roles.Viewer, Roles.Analyst, Roles.Admin };
        return listed.Length > 0 && listed.All(r => Array.IndexOf(rank, r) >= Array.IndexOf(rank, role));
    }
}
