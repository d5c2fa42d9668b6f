using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>
/// One person in a browser: their own cookies, signed in once, then Overview → a score page → that score's compare
/// page, with a think time after each. Each page is one full GET: the server prerenders it with its data, so the
/// response time is the server's share of the interaction. After each page, the Blazor hub's negotiate request (the
/// first HTTP step of the interactive circuit) is timed too; the WebSocket circuit itself is not opened.
/// </summary>
public sealed class VirtualUser(Uri portal, string email, string password, IReadOnlyList<string> scores, int thinkMs, LoadRecorder recorder)
{
    public const string Overview = "overview";
    public const string Score = "score page";
    public const string Compare = "compare";
    public const string Negotiate = "blazor negotiate";

    public static IReadOnlyList<string> Pages { get; } = [Overview, Score, Compare];

    public async Task RunAsync(int seed, CancellationToken stop)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = portal, Timeout = TimeSpan.FromSeconds(60) };
        await SignInAsync(http, stop);
        var random = new Random(seed);
        // Spread the first requests so twenty people do not all click in the same millisecond.
        await Think(random.Next(thinkMs + 1), stop);
        for (var i = seed; !stop.IsCancellationRequested; i++)
        {
            var score = Uri.EscapeDataString(scores[i % scores.Count]);
            foreach (var (page, path) in new[] { (Overview, "/"), (Score, $"/scores/{score}"), (Compare, $"/scores/{score}/compare") })
            {
                if (!await GetAsync(http, page, path, stop))
                {
                    break;
                }

                await NegotiateAsync(http, stop);
                await Think(thinkMs / 2 + random.Next(thinkMs + 1), stop);
            }
        }
    }

    private async Task<bool> GetAsync(HttpClient http, string page, string path, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, stop);
            clock.Stop();
            if (!response.IsSuccessStatusCode)
            {
                recorder.Error($"{email} GET {path}: {(int)response.StatusCode} {response.ReasonPhrase} {response.Headers.Location}");
                return false;
            }

            recorder.Time(page, clock.Elapsed.TotalMilliseconds);
            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Error($"{email} GET {path}: {e.GetType().Name} {e.Message}");
            return false;
        }
    }

    private async Task NegotiateAsync(HttpClient http, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""), stop);
            clock.Stop();
            if (response.IsSuccessStatusCode)
            {
                recorder.Time(Negotiate, clock.Elapsed.TotalMilliseconds);
            }
            else
            {
                recorder.Error($"{email} POST /_blazor/negotiate: {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Error($"{email} POST /_blazor/negotiate: {e.GetType().Name} {e.Message}");
        }
    }

    /// <summary>Posts the sign-in form like a browser: its antiforgery token and form name come from the page.</summary>
    private async Task SignInAsync(HttpClient http, CancellationToken stop)
    {
        var page = await http.GetStringAsync("/account/signin", stop);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["_handler"] = Hidden(page, "_handler"),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await http.PostAsync("/account/signin", form, stop);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{email} could not sign in: {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    private static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return match.Success
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"The sign-in page has no hidden field {name}: has its form changed?");
    }

    private static async Task Think(int milliseconds, CancellationToken stop)
    {
        try
        {
            await Task.Delay(milliseconds, stop);
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
