using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Web.Components.Pages.Scores.Versions;
using Xunit;

namespace ScoreCockpit.Web.Tests.Versions;

/// <summary>The features, dropped-features, hyperparameters and schema-change blocks of the version page.</summary>
public sealed class VersionTablesTests : BunitContext
{
    public VersionTablesTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
    }

    [Fact]
    public void Kept_and_dropped_features_are_listed_with_their_kind_and_reason()
    {
        var version = Details() with
        {
            InputSchema = [new FeatureColumn("minutes", ColumnKind.Numeric), new FeatureColumn("plan", ColumnKind.Categorical)],
            DroppedFeatures = [new DroppedFeature("phone", "identifier: not used by models"), new DroppedFeature("odd", "")],
        };

        var block = Render<VersionFeatures>(p => p.Add(c => c.Version, version));

        Assert.Equal(["minutes|numeric", "plan|categorical"], Rows(block, "#features-table"));
        Assert.Equal(["phone|identifier: not used by models", "odd|no reason recorded"], Rows(block, "#dropped-table"));
        Assert.Contains("Features kept (2)", block.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_lists_say_what_they_mean_and_what_to_do()
    {
        var block = Render<VersionFeatures>(p => p.Add(c => c.Version, Details()));
        var settings = Render<VersionSettings>(p => p.Add(c => c.Version, Details()));

        Assert.Contains("train again", block.Find("#features-empty").TextContent, StringComparison.Ordinal);
        Assert.Contains("every column the feature rules chose is used", block.Find("#dropped-empty").TextContent, StringComparison.Ordinal);
        Assert.Contains("LightGbm ran with its defaults", settings.Find("#hyperparameters-empty").TextContent, StringComparison.Ordinal);
        Assert.Contains("First version of this score", settings.Find("#schema-diff").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyperparameters_and_the_schema_change_since_the_previous_version_are_shown()
    {
        var version = Details() with
        {
            Hyperparameters = [new Hyperparameter("learningRate", "0.05"), new Hyperparameter("trees", "200")],
            SchemaDiff = new SchemaDiff(["fiber_eligible"], ["sms_count"], [("plan", ColumnKind.Numeric, ColumnKind.Categorical)]),
            PreviousNumber = 4,
        };

        var settings = Render<VersionSettings>(p => p.Add(c => c.Version, version));

        Assert.Equal(["learningRate|0.05", "trees|200"], Rows(settings, "#hyperparameters-table"));
        Assert.Contains("Schema change since v4", settings.Markup, StringComparison.Ordinal);
        var chips = settings.FindAll("#schema-diff .mud-chip").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["fiber_eligible", "sms_count", "plan: numeric → categorical"], chips);
    }

    private static List<string> Rows(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> block, string table) =>
        block.FindAll($"{table} tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();

    private static VersionDetails Details() => new()
    {
        Score = "churn",
        Number = 5,
        AsOfDate = new DateOnly(2025, 6, 30),
        Algorithm = "LightGbm",
        TrainingDates = [],
        InputSchema = [],
        Features = [],
        DroppedFeatures = [],
        Importance = [],
        Hyperparameters = [],
        SchemaDiff = SchemaDiff.None,
        ArtifactSha256 = new string('a', 64),
        TrainedBy = "ana@example.com",
    };
}
