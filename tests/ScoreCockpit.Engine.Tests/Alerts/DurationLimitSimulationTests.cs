using ScoreCockpit.Engine.Alerts;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Alerts;

/// <summary>
/// The learnt duration limit on simulated histories: runs drawn from the same distribution as the last 20 rarely
/// pass it, a run clearly off does. Seeded, so every run of the test sees the same histories.
/// </summary>
public sealed class DurationLimitSimulationTests
{
    private const int Histories = 5000;

    public static TheoryData<string> Distributions => ["lognormal", "normal", "growing"];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Fewer_than_one_run_in_a_hundred_from_the_same_distribution_alerts(string distribution)
    {
        var random = new Random(20261203);
        var alerts = 0;
        for (var i = 0; i < Histories; i++)
        {
            var (history, next) = Draw(distribution, random);
            alerts += Alerts(history, next) ? 1 : 0;
        }

        var rate = (double)alerts / Histories;
        Assert.True(rate < 0.01, $"{alerts} of {Histories} normal {distribution} runs alerted ({rate:P2}).");
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void A_run_three_times_the_median_alerts(string distribution)
    {
        var random = new Random(7);
        var missed = 0;
        for (var i = 0; i < Histories; i++)
        {
            var (history, _) = Draw(distribution, random);
            missed += Alerts(history, Median(history) * 3) ? 0 : 1;
        }

        // A few histories are wide enough that 3 × their median is within their own noise; almost none are.
        var rate = (double)missed / Histories;
        Assert.True(rate < 0.02, $"{missed} of {Histories} runs at 3 × the median of a {distribution} history did not alert ({rate:P2}).");
    }

    [Fact]
    public void A_steady_scenario_alerts_on_a_run_three_times_its_median_but_not_on_its_slowest_usual_run()
    {
        var random = new Random(11);
        var history = Enumerable.Range(0, 20).Select(_ => Minutes(30 * Math.Exp(0.2 * Gaussian(random)))).ToList();

        Assert.False(Alerts(history, history.Max()));
        Assert.True(Alerts(history, Median(history) * 3));
    }

    private static bool Alerts(IReadOnlyList<TimeSpan> history, TimeSpan run) =>
        DurationLimit.Of(null, history) is { } limit && run > limit.Limit;

    /// <summary>Twenty past runs, newest first, and the next run from the same process.</summary>
    private static (List<TimeSpan> History, TimeSpan Next) Draw(string distribution, Random random)
    {
        // Runs of about 30 minutes: lognormal with σ = 0.25, normal with a 15 % standard deviation, and lognormal
        // σ = 0.2 around a level that grows 1 % per run (a base that keeps growing).
        Func<int, double> minutes = distribution switch
        {
            "lognormal" => _ => 30 * Math.Exp(0.25 * Gaussian(random)),
            "normal" => _ => Math.Max(1, 30 + 4.5 * Gaussian(random)),
            "growing" => i => 30 * Math.Pow(1.01, i) * Math.Exp(0.2 * Gaussian(random)),
            _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
        };
        var runs = Enumerable.Range(0, DurationLimit.History + 1).Select(i => Minutes(minutes(i))).ToList();
        var history = runs.Take(DurationLimit.History).Reverse().ToList();
        return (history, runs[^1]);
    }

    private static TimeSpan Median(List<TimeSpan> runs) => runs.Order().ElementAt(runs.Count / 2);

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    /// <summary>Box–Muller: one standard normal draw.</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
