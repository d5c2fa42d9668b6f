using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Accounts;
using ScoreCockpit.Web.Components.Pages.Scores;
using ScoreCockpit.Web.Tests.Versions;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scores;

/// <summary>Archiving and deleting from the score page, and the Scores list, over the real engine of a test portal.</summary>
public sealed class ScoreActionsTests : BunitContext
{
    private readonly PortalFactory _portal = new();

    public ScoreActionsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        foreach (var type in new[]
        {
            typeof(CloneScoreHandler), typeof(GetScoreHandler), typeof(ArchiveScoreHandler), typeof(DeleteScoreHandler),
            typeof(ScoreCockpit.Engine.Units.UnitDispatcher), typeof(ListScoresHandler), typeof(ImportScoreHandler),
            typeof(ScoreCockpit.Engine.Settings.CockpitClock),
        })
        {
            Services.AddSingleton(type, _portal.Services.GetRequiredService(type));
        }

        Services.AddScoped<CurrentActor>();
        AddAuthorization().SetAuthorized("ana@example.com").SetRoles(Roles.Analyst);
        Render<MudPopoverProvider>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private T Get<T>()
        where T : notnull => _portal.Services.GetRequiredService<T>();

    private async Task<IRenderedComponent<ScoreActions>> RenderChurnAsync()
    {
        var definition = (await Get<GetScoreHandler>().HandleAsync(VersionSeed.Score, Ct)).Definition;
        return Render<ScoreActions>(p => p.Add(c => c.Score, definition));
    }

    [Fact]
    public async Task Delete_is_enabled_only_once_the_score_name_is_typed_then_the_list_opens()
    {
        await VersionSeed.ChurnAsync(_portal.Services, 1, Ct);
        var actions = await RenderChurnAsync();

        actions.Find("#delete-score").Click();
        Assert.True(actions.Find("#delete-confirm").HasAttribute("disabled"));
        actions.Find("#delete-name").Input("chur");
        Assert.True(actions.Find("#delete-confirm").HasAttribute("disabled"));
        actions.Find("#delete-name").Input("churn");
        Assert.False(actions.Find("#delete-confirm").HasAttribute("disabled"));

        actions.Find("#delete-confirm").Click();

        actions.WaitForAssertion(() => Assert.EndsWith("/scores", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Empty(await Get<ListScoresHandler>().HandleAsync(Ct));
    }

    [Fact]
    public async Task A_score_a_scenario_uses_shows_the_refusal_and_stays()
    {
        await VersionSeed.ChurnAsync(_portal.Services, 1, Ct);
        await Get<SaveScenarioHandler>().HandleAsync(
            new SaveScenario("churn-monthly", VersionSeed.Score, """{ "steps": [ { "type": "score", "name": "s" } ] }"""), Actor.System, Ct);
        var actions = await RenderChurnAsync();

        actions.Find("#delete-score").Click();
        actions.Find("#delete-name").Input("churn");
        actions.Find("#delete-confirm").Click();

        actions.WaitForAssertion(() => Assert.Contains(
            "The score 'churn' is used by the scenario 'churn-monthly'.", actions.Find("#action-error").TextContent, StringComparison.Ordinal));
        Assert.Single(await Get<ListScoresHandler>().HandleAsync(Ct));
    }

    [Fact]
    public async Task Archive_shows_the_archived_chip_on_the_score_and_in_the_list()
    {
        await VersionSeed.ChurnAsync(_portal.Services, 1, Ct);
        var actions = await RenderChurnAsync();
        Assert.Empty(actions.FindAll("#archived-chip"));

        actions.Find("#archive-score").Click();

        actions.WaitForAssertion(() => Assert.Equal("archived", actions.Find("#archived-chip").TextContent.Trim()));
        Assert.Equal("Unarchive", actions.Find("#archive-score").TextContent.Trim());
        var list = Render<ScoreList>();
        list.WaitForAssertion(() => Assert.Equal("archived", list.Find("#archived-churn").TextContent.Trim()));
    }

    [Fact]
    public async Task Importing_a_name_that_exists_offers_to_replace_it_there()
    {
        await VersionSeed.ChurnAsync(_portal.Services, 1, Ct);
        var changed = (await Get<GetScoreHandler>().HandleAsync(VersionSeed.Score, Ct)).Definition with { Description = "from git" };
        var list = Render<ScoreList>();
        list.WaitForAssertion(() => Assert.NotNull(list.Find("a[href='scores/churn']")));

        list.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(ScoreDefinitionJson.Write(changed), "churn.score.json"));

        list.WaitForAssertion(() => Assert.Contains("use “Replace the existing score” below", list.Find("#import-error").TextContent, StringComparison.Ordinal));
        list.Find("#import-replace").Click();

        list.WaitForAssertion(() => Assert.EndsWith("/scores/churn", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Equal("from git", (await Get<GetScoreHandler>().HandleAsync(VersionSeed.Score, Ct)).Definition.Description);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _portal.Dispose();
        }

        base.Dispose(disposing);
    }
}
