using BenchmarkDotNet.Attributes;
using ScoreCockpit.Engine.Evaluation;

namespace ScoreCockpit.Benchmarks.Evaluation;

/// <summary>
/// What storing a lift interval at every cut-off costs each evaluation: the first cut-off alone (what was stored
/// before, the baseline) against the score's four default cut-offs from one pass of the same 100 resamples. Run with:
/// dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*LiftIntervalsBench*' --job short
/// </summary>
[MemoryDiagnoser]
public class LiftIntervalsBench
{
    private static readonly decimal[] Cutoffs = [1m, 5m, 10m, 20m];
    private double[] _scores = [];
    private bool[] _labels = [];

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Draw()
    {
        var random = new Random(7);
        _labels = [.. Enumerable.Range(0, Rows).Select(_ => random.NextDouble() < 0.1)];
        _scores = [.. _labels.Select(l => Math.Round(random.NextDouble() + (l ? 0.4 : 0), 4))];
    }

    [Benchmark(Baseline = true)]
    public LiftInterval? FirstCutoffOnly() =>
        LiftConfidence.Interval(_scores, _labels, Cutoffs[0], resamples: EvaluationUnit.LiftResamples);

    [Benchmark]
    public IReadOnlyList<LiftInterval?> EveryCutoff() =>
        LiftConfidence.Intervals(_scores, _labels, Cutoffs, resamples: EvaluationUnit.LiftResamples);
}
