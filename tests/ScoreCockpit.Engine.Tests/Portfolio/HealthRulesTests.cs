using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Scoring;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Portfolio;

/// <summary>The portfolio's health rule at its edges.</summary>
public sealed class HealthRulesTests
{
    private static HealthVerdict Assess(double? latest = 0.80, double? first = 0.80, double? psi = null, ScoringStatus? run = null,
        string? quality = null, int? version = 3) =>
        HealthRules.Assess(new HealthInputs(version, latest, first, psi, run, quality));

    [Fact]
    public void Without_an_active_version_or_an_out_of_time_figure_there_is_no_data()
    {
        Assert.Equal(HealthLevel.NoData, Assess(version: null).Level);
        var noFigure = Assess(latest: null);
        Assert.Equal(HealthLevel.NoData, noFigure.Level);
        Assert.Contains("v3", noFigure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.771, HealthLevel.Healthy)]
    [InlineData(0.770, HealthLevel.Watch)]
    [InlineData(0.741, HealthLevel.Watch)]
    [InlineData(0.740, HealthLevel.Decaying)]
    [InlineData(0.850, HealthLevel.Healthy)]
    public void The_auc_drop_against_the_first_out_of_time_auc_sets_the_level(double latest, HealthLevel expected)
    {
        var verdict = Assess(latest: latest, first: 0.80);
        Assert.Equal(expected, verdict.Level);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }

    [Theory]
    [InlineData(0.099, HealthLevel.Healthy)]
    [InlineData(0.10, HealthLevel.Watch)]
    [InlineData(0.249, HealthLevel.Watch)]
    [InlineData(0.25, HealthLevel.Decaying)]
    public void Score_psi_at_the_drift_thresholds_sets_the_level(double psi, HealthLevel expected) =>
        Assert.Equal(expected, Assess(psi: psi).Level);

    [Fact]
    public void A_score_with_its_own_drift_thresholds_is_judged_by_them()
    {
        var verdict = HealthRules.Assess(new HealthInputs(1, 0.8, 0.8, 0.15, null, null, new DriftThresholds { Warning = 0.2, Alert = 0.4 }));
        Assert.Equal(HealthLevel.Healthy, verdict.Level);
    }

    [Fact]
    public void A_failed_run_or_a_quality_error_asks_for_a_look_and_the_worst_finding_wins()
    {
        Assert.Equal(HealthLevel.Watch, Assess(run: ScoringStatus.Failed).Level);
        Assert.Equal(HealthLevel.Watch, Assess(run: ScoringStatus.Interrupted).Level);
        Assert.Equal(HealthLevel.Healthy, Assess(run: ScoringStatus.Succeeded).Level);
        Assert.Equal(HealthLevel.Watch, Assess(quality: "ERROR").Level);
        Assert.Equal(HealthLevel.Healthy, Assess(quality: "WARNING").Level);

        var both = Assess(latest: 0.70, run: ScoringStatus.Failed);
        Assert.Equal(HealthLevel.Decaying, both.Level);
        Assert.Contains("down 0.100", both.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_sort_worst_first() =>
        Assert.Equal([HealthLevel.Decaying, HealthLevel.Watch, HealthLevel.NoData, HealthLevel.Healthy], Enum.GetValues<HealthLevel>().Order());
}
