using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Web.Components.Pages.Scores.Operations;
using Xunit;

namespace ScoreCockpit.Web.Tests.Operations;

/// <summary>What the score's "Data and runs" tab puts first: each check's latest outcome, worst first, and the volumetry metric.</summary>
public sealed class OperationsDataTests
{
    private static CheckResult Check(string name, int month, CheckStatus status, string? metric = null) => new()
    {
        CheckName = name,
        Kind = "change",
        MetricName = metric,
        Status = status,
        Message = $"{name} {month}",
        ReferenceDate = new DateOnly(2026, month, 1).AddMonths(1).AddDays(-1),
        CheckedAt = new DateTime(2026, month, 2, 0, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void Each_check_shows_its_latest_outcome_and_the_worst_come_first()
    {
        var history = new[]
        {
            Check("volumetry", 1, CheckStatus.Error, "row_count"), Check("volumetry", 2, CheckStatus.Ok, "row_count"),
            Check("charges_range", 1, CheckStatus.Ok, "mean_charges"), Check("charges_range", 2, CheckStatus.Warning, "mean_charges"),
            Check("score_psi", 2, CheckStatus.Ok),
        };

        var latest = OperationsData.Latest(history);

        Assert.Equal(["charges_range", "score_psi", "volumetry"], latest.Select(c => c.CheckName));
        Assert.Equal([CheckStatus.Warning, CheckStatus.Ok, CheckStatus.Ok], latest.Select(c => c.Status));
        Assert.All(latest, c => Assert.Equal(new DateOnly(2026, 2, 28), c.ReferenceDate));
    }

    [Fact]
    public void The_row_count_is_charted_first_else_a_checked_metric_else_the_first()
    {
        var checks = new[] { Check("charges_range", 1, CheckStatus.Ok, "mean_charges") };

        Assert.Equal("row_count", OperationsData.Volumetry(["mean_charges", "null_rate", "row_count"], checks));
        Assert.Equal("mean_charges", OperationsData.Volumetry(["a_metric", "mean_charges"], checks));
        Assert.Equal("a_metric", OperationsData.Volumetry(["a_metric", "b_metric"], []));
        Assert.Null(OperationsData.Volumetry([], checks));
    }
}
