using System.Diagnostics;
using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Demo;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>
/// `load`: the real portal with the demo, N people browsing it while the demo's retrain runs again and again, and its
/// memory sampled. Prints the report, writes it as markdown, and exits 1 when a request failed or a p95 reached 1 s (2 when it could not run),
/// so it can gate a release. See docs/benchmarks/load.md.
/// </summary>
public static class LoadCommand
{
    private const string Password = "Load-bench-2026";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        try
        {
            return await RunAsync(options, Console.Out);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // A build, the portal or the CLI could not do its part: say which, with its output, and no stack trace.
            await Console.Error.WriteLineAsync($"The load run could not run: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(LoadOptions options, TextWriter log)
    {
        if (!options.NoBuild)
        {
            await PortalProcess.BuildAsync(log);
        }

        await using var portal = PortalProcess.Start(options.DemoFrom);
        await log.WriteLineAsync($"Portal started at {portal.Address} (process {portal.Id}, data {portal.Data})");
        await portal.WaitForHttpAsync(TimeSpan.FromMinutes(2));

        // Accounts are added while the demo installs: the CLI writes to the same store as the portal.
        var accounts = new List<string>();
        for (var i = 0; i < options.Users; i++)
        {
            var (email, role) = ($"load{i + 1:00}@bench.example", i % 2 == 0 ? Roles.Viewer : Roles.Analyst);
            var (exit, output, error) = await portal.CliAsync(["users", "add", "--email", email, "--role", role], Password);
            if (exit != 0)
            {
                throw new InvalidOperationException($"scorecockpit users add {email} exited {exit}: {error} {output}");
            }

            accounts.Add(email);
        }

        if (options.DemoFrom is null)
        {
            await log.WriteLineAsync($"{accounts.Count} accounts added; waiting for the demo and its history…");
            var installing = Stopwatch.StartNew();
            await portal.WaitForDemoAsync(TimeSpan.FromMinutes(30));
            await log.WriteLineAsync($"Demo ready after {installing.Elapsed.TotalSeconds:0} s");
        }

        await log.WriteLineAsync($"{options.Users} users for {options.Minutes} min…");

        var scores = DemoScores.All.Select(s => s.Name).ToList();
        var recorder = new LoadRecorder();
        var memory = new MemorySampler(portal);
        var retrain = new RetrainLoop(portal, scores, log);
        var loadBefore = LoadAverage();
        var startedAt = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(options.Duration);
        var sampling = memory.RunAsync(stop.Token);
        var retraining = retrain.RunAsync(stop.Token);
        var users = accounts.Select((email, i) =>
            Task.Run(() => new VirtualUser(portal.Address, email, Password, scores, options.ThinkMs, recorder).RunAsync(i, stop.Token))).ToList();
        var progress = ProgressAsync(log, recorder, retrain, portal, clock, stop.Token);
        await Task.WhenAll(users);
        var measured = clock.Elapsed;
        await Task.WhenAll(sampling, retraining, progress);

        var report = new LoadReport(options, startedAt, measured, recorder.Times, recorder.ErrorCount, recorder.FirstErrors,
            retrain.Seconds, retrain.Failures, memory.Samples, loadBefore, LoadAverage());
        var markdown = report.ToMarkdown();
        var path = options.Out ?? Path.Combine("BenchmarkDotNet.Artifacts", "results",
            $"load-{startedAt.UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, markdown);
        await log.WriteLineAsync();
        await log.WriteLineAsync(markdown);
        await log.WriteLineAsync($"Report written to {Path.GetFullPath(path)}");
        if (recorder.ErrorCount > 0)
        {
            await log.WriteLineAsync($"Portal log, last lines:\n{portal.LogTail(30)}");
        }

        return report.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>A line a minute, so a person watching a ten-minute run sees it is alive.</summary>
    private static async Task ProgressAsync(TextWriter log, LoadRecorder recorder, RetrainLoop retrain, PortalProcess portal, Stopwatch clock, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var requests = recorder.Times.Values.Sum(t => t.Count);
                await log.WriteLineAsync($"  {clock.Elapsed.TotalMinutes:0} min: {requests} requests, {recorder.ErrorCount} errors, " +
                    $"{retrain.Completed} retrain(s) done, portal {portal.ResidentMegabytes():0} MB, load average {LoadAverage()}");
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
