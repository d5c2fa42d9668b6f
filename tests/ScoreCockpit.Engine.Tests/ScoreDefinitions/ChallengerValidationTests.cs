using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Tests.Support;
using Xunit;

namespace ScoreCockpit.Engine.Tests.ScoreDefinitions;

public sealed class ChallengerValidationTests
{
    private static ChallengerSetting Forest(string name = "forest", Dictionary<string, double>? hp = null) =>
        new() { Name = name, Algorithm = TrainingAlgorithm.FastForest, Hyperparameters = hp ?? [] };

    [Fact]
    public void Challengers_with_good_names_and_known_hyperparameters_are_accepted_and_round_trip_as_json()
    {
        var definition = TestDefinitions.Sample("churn") with
        {
            Challengers = [Forest(hp: new() { ["trees"] = 300 }), new ChallengerSetting { Name = "logistic-2", Algorithm = TrainingAlgorithm.LogisticRegression }],
            MaxTrainingRows = 50_000,
        };

        var valid = ScoreDefinitionValidator.Validate(definition, []);
        var back = ScoreDefinitionJson.Read(ScoreDefinitionJson.Write(valid));

        Assert.Equal(["forest", "logistic-2"], back.Challengers.Select(c => c.Name));
        Assert.Equal(300, back.Challengers[0].Hyperparameters["trees"]);
        Assert.Equal(50_000, back.MaxTrainingRows);
    }

    [Theory]
    [InlineData("Forest", "challenger name 'Forest'")]
    [InlineData("", "challenger name ''")]
    [InlineData("a_b", "challenger name 'a_b'")]
    public void Bad_challenger_names_are_refused(string name, string message) => AssertRefused(
        TestDefinitions.Sample("churn") with { Challengers = [Forest(name)] }, message);

    [Fact]
    public void Unknown_or_negative_hyperparameters_twin_names_and_a_tiny_row_cap_are_refused_all_at_once()
    {
        var definition = TestDefinitions.Sample("churn") with
        {
            Hyperparameters = new Dictionary<string, double> { ["depth"] = 3 },
            Challengers = [Forest(hp: new() { ["learning_rate"] = 0.1 }), Forest(hp: new() { ["trees"] = -1 })],
            MaxTrainingRows = 10,
        };

        var error = Assert.Throws<CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition, []));

        Assert.Contains("LightGbm takes no hyperparameter 'depth'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Challenger 'forest': FastForest takes no hyperparameter 'learning_rate'", error.Message, StringComparison.Ordinal);
        Assert.Contains("trees of FastForest (trees in the ensemble) must be a whole number from 1 to 10000, not -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Two challengers are named 'forest'", error.Message, StringComparison.Ordinal);
        Assert.Contains("training-row cap must be at least 1000 rows, not 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_challenger_without_an_algorithm_is_refused_by_name_never_given_a_default()
    {
        var json = ScoreDefinitionJson.Write(TestDefinitions.Sample("churn") with { Challengers = [Forest()] })
            .Replace("\"algorithm\": \"FastForest\",", "", StringComparison.Ordinal);

        var error = Assert.Throws<CockpitValidationException>(() => ScoreDefinitionJson.Read(json));

        Assert.Contains("The score definition file is not valid", error.Message, StringComparison.Ordinal);
        Assert.Contains("'algorithm'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("learning_rate", 1.5, "learning_rate of LightGbm (shrinkage of each tree) must be a number from 0.0001 to 1, not 1.5")]
    [InlineData("trees", 2.5, "trees of LightGbm (trees in the ensemble) must be a whole number from 1 to 10000, not 2.5")]
    [InlineData("leaves", 1, "leaves of LightGbm (leaves per tree) must be a whole number from 2 to 4096, not 1")]
    public void A_hyperparameter_outside_its_range_is_refused_with_the_range(string name, double value, string message) => AssertRefused(
        TestDefinitions.Sample("churn") with { Hyperparameters = new Dictionary<string, double> { [name] = value } }, message);

    private static void AssertRefused(ScoreDefinition definition, string message) => Assert.Contains(message,
        Assert.Throws<CockpitValidationException>(() => ScoreDefinitionValidator.Validate(definition, [])).Message, StringComparison.Ordinal);
}
