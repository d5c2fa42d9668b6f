using System.Diagnostics;
using System.Globalization;
using ScoreCockpit.Benchmarks.Training;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Benchmarks.Scoring;

/// <summary>One scoring run measured: wall and CPU time, the process's peak memory above a reset, the stages' start times.</summary>
public sealed record RunMeasure(double Seconds, double Cpu, double BaselineMb, double PeakMb, bool PeakReset, string LoadAverage, string Stages)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"time={Seconds:0.00}s cpu={Cpu:0.00}s peak={PeakMb:0}MB (baseline {BaselineMb:0}MB{(PeakReset ? "" : ", peak NOT reset")}) loadavg={LoadAverage} stages=[{Stages}]");

    public static async Task<(RunMeasure, ScoringRun)> OfAsync(Func<IProgress<string>, Task<ScoringRun>> work)
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        // Where the time goes: each stage the handler announces, with the wall time at which it began.
        var stages = new List<string>();
        var run = await work(new StageLog(clock, stages));
        return (new RunMeasure(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            baseline, PeakMemory.PeakMegabytes(), reset, load, string.Join("; ", stages)), run);
    }

    /// <summary>Synchronous, unlike <see cref="Progress{T}"/>: a stage is stamped when it starts, not when a thread pool gets to it.</summary>
    private sealed class StageLog(Stopwatch clock, List<string> stages) : IProgress<string>
    {
        public void Report(string value)
        {
            var words = value.Split(' ');
            lock (stages)
            {
                stages.Add(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.00}s {words[0]}"));
            }
        }
    }
}
