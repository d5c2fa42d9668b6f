using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Hosting;
using Xunit;

namespace ScoreCockpit.Web.Tests.Demo;

/// <summary>
/// An empty data folder gets the demo in the background while the portal already answers. A year of months rather
/// than the default 30 keeps the history short here; the engine's DemoHistoryTests build and check the default one.
/// </summary>
public sealed class DemoFirstStartTests : IAsyncDisposable
{
    private const int Months = 12;

    private readonly DemoPortal _portal = new(Months);

    [Fact]
    public async Task The_demo_installs_in_the_background_with_visible_progress()
    {
        var status = _portal.Services.GetRequiredService<DemoStatus>();
        var progress = new List<DemoProgress>();
        var finished = new TaskCompletionSource<DemoProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        status.Changed += () =>
        {
            var current = status.Current!;
            lock (progress)
            {
                progress.Add(current);
            }

            if (current.Finished || current.Failure is not null)
            {
                finished.TrySetResult(current);
            }
        };
        if (status.Current is { Finished: true } already)
        {
            finished.TrySetResult(already);
        }

        // The portal answers while the demo is being prepared.
        var response = await _portal.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/setup", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var last = await finished.Task.WaitAsync(TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken);

        Assert.Null(last.Failure);
        Assert.Equal("Demo history ready", last.Stage);
        lock (progress)
        {
            Assert.Contains(progress, p => p.Stage.StartsWith("Snapshot churn", StringComparison.Ordinal));
            Assert.Contains(progress, p => p.Stage.StartsWith("History: churn as of", StringComparison.Ordinal));
            // The banner stays up (not finished) until the history is there too, and never goes backwards.
            Assert.Single(progress, p => p.Finished);
            Assert.Equal(progress.Select(p => p.Percent).Order(), progress.Select(p => p.Percent));
        }

        var scores = await _portal.Services.GetRequiredService<ListScoresHandler>().HandleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["churn", "cross-sell", "renewal"], scores.Select(s => s.Name));
        Assert.All(scores, s => Assert.Equal(Months, s.Snapshots));
        var versions = await _portal.Services.GetRequiredService<ScoreCockpit.Engine.Registry.ListVersionsHandler>()
            .HandleAsync("churn", TestContext.Current.CancellationToken);
        Assert.True(versions.Count >= 3, $"churn has {versions.Count} versions after the history");
    }

    [Fact]
    public async Task Months_out_of_range_leave_the_data_folder_empty_and_say_why_on_the_banner()
    {
        await using var portal = new DemoPortal(months: 6);
        var status = portal.Services.GetRequiredService<DemoStatus>();
        var failed = new TaskCompletionSource<DemoProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        status.Changed += () => failed.TrySetResult(status.Current!);
        if (status.Current is { } already)
        {
            failed.TrySetResult(already);
        }

        var shown = await failed.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Equal("Demo:Months must be between 12 and 240, not 6.", shown.Failure);
        var scores = await portal.Services.GetRequiredService<ListScoresHandler>().HandleAsync(TestContext.Current.CancellationToken);
        Assert.Empty(scores);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();

    private sealed class DemoPortal(int months) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:Customers", "1000");
            builder.UseSetting("Demo:Months", months.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
