using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Variables;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>
/// An analyst imports a definition that sets everything, edits its description in the browser and saves: the
/// exported definition is the imported one but for the description (algorithm, challengers, reduction… kept).
/// </summary>
public sealed class ScoreEditorJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "ed.itor@example.com";
    private const string Password = "Analyst2026ok";

    private static ScoreDefinition Everything() => new()
    {
        Name = "cross-sell-pro",
        Description = "Who buys the second product",
        Owners = ["ana@example.com"],
        DataprepSql = "SELECT customer_id, ${date_ref} AS date_ref, 0 AS target FROM customers WHERE region = ${region}",
        KeyColumn = "customer_id",
        TargetColumn = "target",
        ReferenceDateColumn = "date_ref",
        HorizonMonths = 4,
        FeatureExclude = ["raw_*"],
        ColumnKinds = new Dictionary<string, ColumnKind> { ["region"] = ColumnKind.Categorical },
        DecidedKinds = new Dictionary<string, ColumnKind> { ["tenure"] = ColumnKind.Numeric },
        Algorithm = TrainingAlgorithm.FastTree,
        Hyperparameters = new Dictionary<string, double> { [ScoreCockpit.Engine.Modeling.Hyperparameters.Trees] = 150, [ScoreCockpit.Engine.Modeling.Hyperparameters.LearningRate] = 0.05 },
        Reduction = new ReductionSettings { MaxMissingShare = 0.8, MaxCorrelation = 0.9, TopK = 25 },
        MaxTrainingRows = 250_000,
        Challengers = [new ChallengerSetting { Name = "logistic", Algorithm = TrainingAlgorithm.LogisticRegression }],
        Drift = new DriftThresholds { Warning = 0.15, Alert = 0.3 },
        ThinDates = new ThinDateRule { MinimumRows = 500, MinimumPositives = 25 },
        LiftCutoffs = [2.5m, 10m],
        AlertRecipients = ["ops@example.com"],
        Variables = [new VariableSetting("region", VariableType.Text, "north")],
    };

    private static JsonObject Members(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public async Task Editing_the_description_in_the_browser_keeps_every_other_setting()
    {
        var ct = TestContext.Current.CancellationToken;
        var imported = ScoreDefinitionJson.Write(Everything());
        await browser.Portal.Services.GetRequiredService<ImportScoreHandler>().HandleAsync(new ImportScore(imported, false), Actor.System, ct);
        await browser.Portal.AddUserAsync(Email, Password, "Analyst");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        await page.GotoAsync("/scores/cross-sell-pro/edit");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("#score-minimum-rows")).ToHaveValueAsync("500");
        await page.Locator("#score-description").FillAsync("Who buys a second product within four months");
        await page.ClickAsync("#save-score");
        await Expect(page).ToHaveURLAsync(new Regex("/scores/cross-sell-pro$"));

        var export = await page.APIRequest.GetAsync("/scores/cross-sell-pro/definition.json");
        Assert.True(export.Ok, $"{export.Status} {await export.TextAsync()}");
        var (before, after) = (Members(imported), Members(await export.TextAsync()));
        Assert.Equal("Who buys a second product within four months", after["description"]!.GetValue<string>());
        Assert.Equal(before.Select(p => p.Key), after.Select(p => p.Key));
        Assert.Equal(["description"], before.Where(p => !JsonNode.DeepEquals(p.Value, after[p.Key])).Select(p => p.Key));
    }
}
