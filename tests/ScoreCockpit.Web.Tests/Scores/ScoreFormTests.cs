using System.Text.Json.Nodes;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Web.Components.Pages.Scores;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scores;

/// <summary>The editor saves what the person changed and nothing else: settings it shows no field for come back as stored.</summary>
public sealed class ScoreFormTests
{
    /// <summary>A definition where every setting differs from its default, those without an editor field included.</summary>
    internal static ScoreDefinition Everything() => new()
    {
        Name = "cross-sell",
        Description = "Who buys the second product",
        Owners = ["ana@example.com", "bob@example.com"],
        Connection = "demo",
        DataprepSql = "SELECT customer_id, ${date_ref} AS ref_date, bought AS target FROM offers WHERE region = ${region}",
        KeyColumn = "customer_id",
        TargetColumn = "target",
        ReferenceDateColumn = "ref_date",
        HorizonMonths = 6,
        HorizonDays = 45,
        ReferenceDates = new ReferenceDateRule { Kind = ReferenceDateKind.Weekly, Weekday = DayOfWeek.Friday },
        TrainingWindow = 18,
        RefitOnValidation = true,
        FeatureInclude = ["usage_*", "has_?"],
        FeatureExclude = ["usage_raw"],
        ColumnKinds = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical },
        DecidedKinds = new Dictionary<string, ColumnKind> { ["usage_calls"] = ColumnKind.Numeric, ["has_tv"] = ColumnKind.Boolean },
        OutputTable = "work.scores_xsell",
        Algorithm = TrainingAlgorithm.FastTree,
        Hyperparameters = new Dictionary<string, double> { ["trees"] = 250, ["learning_rate"] = 0.05 },
        Reduction = new ReductionSettings { Enabled = true, MaxMissingShare = 0.8, MaxCorrelation = 0.9, TopK = 25 },
        MaxTrainingRows = 250_000,
        Challengers =
        [
            new ChallengerSetting { Name = "logistic", Algorithm = TrainingAlgorithm.LogisticRegression },
            new ChallengerSetting { Name = "forest-500", Algorithm = TrainingAlgorithm.FastForest, Hyperparameters = new Dictionary<string, double> { ["trees"] = 500 } },
        ],
        Drift = new DriftThresholds { Warning = 0.15, Alert = 0.3 },
        ThinDates = new ThinDateRule { MinimumRows = 500, MinimumPositives = 25 },
        LiftCutoffs = [2.5m, 10m, 30m],
        AlertRecipients = ["ops@example.com"],
        Variables = [new VariableSetting("region", VariableType.Text, "north")],
    };

    /// <summary>The exported JSON of each, member by member: what an analyst would diff in version control.</summary>
    private static Dictionary<string, string> Members(ScoreDefinition definition) =>
        JsonNode.Parse(ScoreDefinitionJson.Write(definition))!.AsObject().ToDictionary(p => p.Key, p => p.Value?.ToJsonString() ?? "null");

    [Fact]
    public void Saving_without_a_change_gives_back_the_stored_definition_exactly()
    {
        Assert.Equal(Members(Everything()), Members(ScoreForm.From(Everything()).ToDefinition()));
    }

    [Fact]
    public void Every_training_setting_is_edited_in_the_form_and_lands_in_its_member()
    {
        var form = ScoreForm.From(Everything());
        form.Model.ChangeAlgorithm(TrainingAlgorithm.LightGbm);
        form.Model.Hyperparameters["leaves"] = 63;
        form.Model.TrainingWindow = 6;
        form.Model.RefitOnValidation = false;
        form.Model.TopK = 10;
        form.Model.DriftAlert = 0.4;
        form.Model.Challengers.RemoveAt(0);
        form.Model.Challengers[0].Hyperparameters = "trees=800, min_examples_per_leaf=50";
        form.Model.Challengers.Add(new ModelSettingsForm.ChallengerRow { Name = "gbm-slow", Algorithm = TrainingAlgorithm.LightGbm, Hyperparameters = "learning_rate=0.02" });
        form.Model.Kinds.Add(new ModelSettingsForm.KindRow { Column = "plan", Kind = ColumnKind.Categorical });
        form.HorizonInDays = false;
        form.HorizonMonths = 0;
        form.ReferenceDateKind = ReferenceDateKind.Column;
        form.ReferenceDateTable = "offers";

        var saved = form.ToDefinition();

        Assert.Equal(TrainingAlgorithm.LightGbm, saved.Algorithm);
        // The shared hyperparameters carry over to the new algorithm; the one LightGbm has no use for is dropped.
        Assert.Equal(new Dictionary<string, double> { ["trees"] = 250, ["learning_rate"] = 0.05, ["leaves"] = 63 }, saved.Hyperparameters);
        Assert.Equal((6, false, 10, 0.4), (saved.TrainingWindow, saved.RefitOnValidation, saved.Reduction.TopK, saved.Drift.Alert));
        Assert.Equal(["forest-500", "gbm-slow"], saved.Challengers.Select(c => c.Name));
        Assert.Equal(new Dictionary<string, double> { ["trees"] = 800, ["min_examples_per_leaf"] = 50 }, saved.Challengers[0].Hyperparameters);
        Assert.Equal(ColumnKind.Categorical, saved.ColumnKinds["plan"]);
        Assert.Equal((null, 0), (saved.HorizonDays, saved.HorizonMonths));
        Assert.Equal(new ReferenceDateRule { Kind = ReferenceDateKind.Column, Weekday = DayOfWeek.Friday, Table = "offers" }, saved.ReferenceDates);
        Assert.Empty(form.Problems(["region"]));
    }

    [Fact]
    public void Mistakes_are_listed_while_typing_each_naming_its_setting()
    {
        var form = ScoreForm.From(Everything());
        form.Model.Challengers.Add(new ModelSettingsForm.ChallengerRow { Name = "no-algorithm" });
        form.Model.Challengers[0].Hyperparameters = "trees 500";
        form.Model.Hyperparameters["learning_rate"] = 3;
        form.Model.TrainingWindow = 0;
        form.ReferenceDateKind = ReferenceDateKind.Column;

        var problems = form.Problems(["region"]);

        Assert.Contains(problems, p => p.StartsWith("The challenger 'no-algorithm' has no algorithm", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'trees 500' is not name=number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("learning_rate of FastTree (shrinkage of each tree) must be a number from 0.0001 to 1, not 3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("training window must hold 1 to 120 snapshots, not 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("referenceDates.table", StringComparison.Ordinal));
        var error = Assert.Throws<Engine.Accounts.CockpitValidationException>(() => form.ToDefinition());
        Assert.Contains("has no algorithm", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("description")]
    [InlineData("horizonMonths")]
    [InlineData("liftCutoffs")]
    [InlineData("owners")]
    [InlineData("thinDates")]
    public void Editing_one_field_changes_that_member_only(string member)
    {
        var form = ScoreForm.From(Everything());
        switch (member)
        {
            case "description": form.Description = "Who buys a second product within six months"; break;
            case "horizonMonths": form.HorizonMonths = 3; break;
            case "liftCutoffs": form.LiftCutoffs = "1, 5, 10"; break;
            case "owners": form.Owners = "ana@example.com"; break;
            default: form.MinimumRows = 300; break;
        }

        var before = Members(Everything());
        var after = Members(form.ToDefinition());

        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal([member], before.Keys.Where(k => before[k] != after[k]));
    }

    [Fact]
    public void A_new_score_starts_from_the_definition_s_defaults()
    {
        var form = new ScoreForm { Name = " churn " };

        var definition = form.ToDefinition();

        Assert.Equal("churn", definition.Name);
        Assert.Equal(TrainingAlgorithm.LightGbm, definition.Algorithm);
        Assert.Equal(new ThinDateRule(), definition.ThinDates);
        Assert.Empty(definition.Challengers);
        Assert.Equal([1m, 5m, 10m, 20m], definition.LiftCutoffs);
    }
}
