using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Accounts.Tokens;
using ScoreCockpit.Engine.Telemetry;
using Xunit;

namespace ScoreCockpit.Web.Tests.Api;

/// <summary>Starting a scenario through the API and following it, and the per-token rate limit.</summary>
public sealed class ApiRunTests(ApiPortal api) : IClassFixture<ApiPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_analyst_s_run_token_starts_a_run_and_follows_it_to_its_end()
    {
        var (email, secret) = await api.TokenAsync(TokenScope.Run, Roles.Analyst);
        var client = api.Client(secret);

        using var runEnds = new RunEnds();

        var started = await client.PostAsync($"/api/v1/scenarios/{ApiPortal.Scenario}/runs", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        Assert.Matches(@"^/api/v1/runs/\d+$", location);
        await runEnds.Of(location[(location.LastIndexOf('/') + 1)..]).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var run = await client.GetFromJsonAsync<JsonElement>(location, Ct);
        Assert.True(run.GetProperty("finished").GetBoolean(), $"The run ended but the API says {run.GetProperty("status")}.");
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(email, run.GetProperty("startedBy").GetString());
        var step = Assert.Single(run.GetProperty("steps").EnumerateArray());
        Assert.Equal("succeeded", step.GetProperty("status").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", run.GetProperty("startedAt").GetString());
    }

    [Fact]
    public async Task An_unknown_scenario_is_a_problem_that_names_the_existing_ones()
    {
        var (_, secret) = await api.TokenAsync(TokenScope.Run, Roles.Analyst);

        var response = await api.Client(secret).PostAsync("/api/v1/scenarios/no-such-thing/runs", null, Ct);

        var problem = await ApiAccessTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(ApiPortal.Scenario, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_limit_a_token_gets_429_with_retry_after()
    {
        using var limited = api.Portal.WithWebHostBuilder(b => b.UseSetting("Api:RequestsPerMinute", "3"));
        var (_, secret) = await api.TokenAsync(TokenScope.Read, Roles.Viewer);
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/scores", Ct)).StatusCode);
        }

        var refused = await client.GetAsync("/api/v1/scores", Ct);

        await ApiAccessTests.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
    }

    /// <summary>
    /// A run's trace ends once its outcome is stored, so the test waits for that signal instead of polling the API.
    /// </summary>
    private sealed class RunEnds : IDisposable
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _runs = new();
        private readonly ActivityListener _listener;

        public RunEnds()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == CockpitTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.OperationName == "scenario run" && activity.GetTagItem("scorecockpit.run.id") is { } id)
                    {
                        Source(Convert.ToString(id, CultureInfo.InvariantCulture)!).TrySetResult();
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public Task Of(string runId) => Source(runId).Task;

        private TaskCompletionSource Source(string runId) =>
            _runs.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void Dispose() => _listener.Dispose();
    }
}
