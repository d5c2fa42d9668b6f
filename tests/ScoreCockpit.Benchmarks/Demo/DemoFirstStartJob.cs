using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Benchmarks.Training;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Benchmarks.Demo;

/// <summary>
/// The demo's first start, as the portal's DemoStartupService runs it on a brand-new data folder, without the web host:
/// <c>DemoInstaller.InstallAsync</c> (warehouse of <see cref="DemoOptions.DefaultCustomers"/> customers, three
/// scores, every snapshot) then <see cref="DemoHistory.BuildAsync(IProgress{DemoProgress}?, CancellationToken)"/> (every monthly version, each evaluated on every
/// labelled month, the activations). Timed once, in its own process, from an empty folder with the store prepared.
/// One line starting with "// demo-first-start": wall and CPU time of both phases and the peak resident set (VmHWM,
/// native memory included) after a reset.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*DemoFirstStartJob*'
/// Results: docs/benchmarks/compiled-models.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class DemoFirstStartJob
{
    private string _folder = "";
    private string _line = "";

    [GlobalSetup]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("scorecockpit-demo-first-start-").FullName;

    [Benchmark]
    public async Task<double> FirstStartAsync()
    {
        await using var services = Evaluation.EvaluateAllData.Services(_folder);
        await services.PrepareCockpitStoreAsync();
        var installer = services.GetRequiredService<DemoInstaller>();
        var history = services.GetRequiredService<DemoHistory>();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await installer.InstallAsync(DemoOptions.DefaultCustomers);
        var install = clock.Elapsed;
        var installCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await history.BuildAsync();
        var total = clock.Elapsed;
        var totalCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        _line = string.Create(CultureInfo.InvariantCulture,
            $"// demo-first-start customers={DemoOptions.DefaultCustomers} cores={Environment.ProcessorCount} loadavg={load}/{File.ReadAllText("/proc/loadavg").Split(' ')[0]} | " +
            $"install={install.TotalSeconds:0.0}s (cpu {installCpu.TotalSeconds:0.0}s) history={(total - install).TotalSeconds:0.0}s (cpu {(totalCpu - installCpu).TotalSeconds:0.0}s) " +
            $"total={total.TotalSeconds:0.0}s (cpu {totalCpu.TotalSeconds:0.0}s) peak={PeakMemory.PeakMegabytes():0}MB (baseline {baseline:0}MB{(reset ? "" : ", peak NOT reset")})");
        return total.TotalSeconds;
    }

    [GlobalCleanup]
    public void Report()
    {
        Console.WriteLine(_line);
        Directory.Delete(_folder, recursive: true);
    }
}
