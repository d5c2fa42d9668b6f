using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.Web.Tests.Http;

/// <summary>An HTTP client that keeps cookies, does not follow redirects, and posts Blazor forms like a browser.</summary>
public sealed partial class PortalClient(PortalFactory portal)
{
    public HttpClient Http { get; } = portal.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    /// <summary>Loads the page, takes its antiforgery token and form name, and posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields)
    {
        var page = await Http.GetStringAsync(path);
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["_handler"] = Hidden(page, "_handler"),
        };
        return await Http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await PostFormAsync("/account/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    public async Task SignInOrFailAsync(string email, string password)
    {
        var response = await SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException(
                $"Sign-in of {email} failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No hidden field {name} in the page.");
    }
}
