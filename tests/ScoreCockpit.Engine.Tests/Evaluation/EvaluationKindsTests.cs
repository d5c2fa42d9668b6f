using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>Every evaluation date is forward, validation, in-sample or back-test against the version's training.</summary>
public sealed class EvaluationKindsTests
{
    private static readonly DateOnly[] Training = [new(2024, 7, 31), new(2024, 8, 31), new(2024, 9, 30)];
    private static readonly DateOnly Validation = new(2024, 10, 31);

    [Theory]
    [InlineData("2022-10-31", EvaluationKind.BackTest)]
    [InlineData("2024-06-30", EvaluationKind.BackTest)]
    [InlineData("2024-07-31", EvaluationKind.InSample)]
    [InlineData("2024-09-30", EvaluationKind.InSample)]
    [InlineData("2024-10-31", EvaluationKind.Validation)]
    [InlineData("2024-11-30", EvaluationKind.Forward)]
    [InlineData("2026-10-31", EvaluationKind.Forward)]
    public void A_date_is_classified_against_the_training_window_and_validation_date(string date, EvaluationKind expected) =>
        Assert.Equal(expected, EvaluationKinds.Of(Training, Validation, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_date_skipped_inside_the_window_is_no_forward_figure()
    {
        // A month the training did not read (a thin or missing snapshot) lies before the validation date: a back-test.
        Assert.Equal(EvaluationKind.BackTest, EvaluationKinds.Of([new(2024, 7, 31), new(2024, 9, 30)], Validation, new DateOnly(2024, 8, 31)));
    }

    [Fact]
    public void Without_a_validation_date_only_dates_past_the_training_data_are_forward()
    {
        Assert.Equal(EvaluationKind.Forward, EvaluationKinds.Of(Training, null, new DateOnly(2024, 10, 31)));
        Assert.Equal(EvaluationKind.BackTest, EvaluationKinds.Of(Training, null, new DateOnly(2024, 1, 31)));
    }

    [Fact]
    public void The_words_are_those_of_the_command_line_and_exports()
    {
        Assert.Equal(["forward", "validation", "in-sample", "back-test"], Enum.GetValues<EvaluationKind>().Select(k => k.Word()));
        Assert.Null(EvaluationKind.Forward.Caveat());
        Assert.Contains("before its training window", EvaluationKind.BackTest.Caveat(), StringComparison.Ordinal);
    }
}
