using System.Net;
using System.Text.Json;
using Xunit;

namespace ScoreCockpit.Web.Tests.Operations;

/// <summary>A probe's answer as the JSON says it, with the raw body to search for what must never be in it.</summary>
public sealed record HealthAnswer(HttpStatusCode Code, string Status, IReadOnlyDictionary<string, (string Status, string Reason)> Checks, string Body)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<HealthAnswer> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.True(root.TryGetProperty("checkedAt", out _), body);
        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("status").GetString()!, c.GetProperty("reason").GetString()!));
        Assert.All(root.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("durationMs").GetInt64() >= 0));
        return new HealthAnswer(response.StatusCode, root.GetProperty("status").GetString()!, checks, body);
    }

    /// <summary>Asks until the answer has <paramref name="status"/>, or fails after <paramref name="bound"/> with the last answer.</summary>
    public static async Task<HealthAnswer> UntilAsync(HttpClient http, string path, string status, TimeSpan bound)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var poll = new PeriodicTimer(Poll);
        while (true)
        {
            var answer = await GetAsync(http, path);
            if (answer.Status == status)
            {
                return answer;
            }

            Assert.True(TimeProvider.System.GetElapsedTime(started) < bound,
                $"{path} did not become {status} within {bound.TotalSeconds:0} s; last answer: {answer.Body}");
            await poll.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
    }
}
