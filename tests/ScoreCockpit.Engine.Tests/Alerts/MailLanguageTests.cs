using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;
using static ScoreCockpit.Engine.Tests.Alerts.AlertSamples;

namespace ScoreCockpit.Engine.Tests.Alerts;

/// <summary>Mails about a score speak its mail language, else the installation's; they arrive at a real SMTP server.</summary>
public sealed class MailLanguageTests(PostgresClusterFixture postgres)
{
    private const char Nbsp = '\u00a0';
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Admin = Actor.Of("admin@example.com", Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestStore> MailingStoreAsync(TestSmtpServer smtp, string? installation = null)
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres, culture: CockpitCulture.Resolve(installation));
        await store.Get<MailSettingsHandler>().SaveAsync(new MailSettingsInput(
            "127.0.0.1", smtp.Port, MailSecurity.None, null, null, "ScoreCockpit <cockpit@example.com>", PortalUrl, ["ops@example.com"]), Admin, Ct);
        return store;
    }

    [Theory]
    [InlineData("fr", null, "[ScoreCockpit] nightly a échoué à l'étape «\u00a0dataprep\u00a0»", "Pourquoi\u00a0:")]
    [InlineData(null, "fr", "[ScoreCockpit] nightly a échoué à l'étape «\u00a0dataprep\u00a0»", "Ouvrir l'exécution\u00a0:")]
    [InlineData(null, null, "[ScoreCockpit] nightly failed at step 'dataprep'", "Why:")]
    [InlineData("en-US", "fr", "[ScoreCockpit] nightly failed at step 'dataprep'", "Open the run:")]
    public async Task A_run_of_a_score_is_mailed_in_the_score_language_else_the_installation_one(
        string? mailCulture, string? installation, string subject, string bodyWords)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = await MailingStoreAsync(smtp, installation);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn") with { MailCulture = mailCulture }), Ana, Ct);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("nightly", "churn", """
            {
              "steps": [ { "type": "run-sql", "name": "dataprep", "sql": "INSERT INTO missing_table SELECT 1" } ],
              "reporters": [ { "to": ["analysts@example.com"] } ]
            }
            """), Ana, Ct);

        var run = await store.Get<ScenarioRunner>().RunAsync(new StartRun("nightly"), Ana, Ct);
        var mail = await smtp.NextAsync();

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(subject, mail.Subject);
        Assert.Contains(bodyWords, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PortalUrl}/runs/{run.Id}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_mail_says_its_words_statuses_figures_and_limits_the_french_way()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = await MailingStoreAsync(smtp);
        var sender = store.Get<MailSender>();
        var french = MailLanguage.For("fr", store.Get<CockpitCulture>());
        var limit = DurationLimit.Of(TimeSpan.FromMinutes(60), Enumerable.Repeat(TimeSpan.FromMinutes(12), 20).ToList(), culture: french)!.Value;

        await sender.SendAsync(RunAlerts.ForOutcome(SucceededWithWarnings(), Ops(), PortalUrl, french)!, Ct);
        await sender.SendAsync(RunAlerts.ForDuration(StillRunning(), limit.Limit, limit.Reason, PortalUrl, french) with { To = Ops().To }, Ct);
        await sender.SendTestAsync("me@example.com", Admin, Ct);

        var checks = await smtp.NextAsync();
        Assert.Equal("[ScoreCockpit] churn-application a réussi avec 2 contrôles non OK (1 ERREUR, 1 AVERTISSEMENT)", checks.Subject);
        var text = (checks.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.Contains($"Contrôles non OK{Nbsp}:\n", text, StringComparison.Ordinal);
        Assert.Contains("AVERTISSEMENT null rate of tenure: 0,0523 — above the warning bound 0.05", text, StringComparison.Ordinal);
        Assert.Contains($"Durée{Nbsp}:", text, StringComparison.Ordinal);
        Assert.Contains("Réussie     score customers (score), 11 min 30 s", text, StringComparison.Ordinal);
        Assert.Contains("Ouvrir l'exécution</a>", System.Net.WebUtility.HtmlDecode(checks.HtmlBody), StringComparison.Ordinal);
        var duration = await smtp.NextAsync();
        Assert.Equal("[ScoreCockpit] churn-application tourne depuis plus de 18 min", duration.Subject);
        Assert.Contains($"En cours depuis 42 min, plus que la limite apprise des 20 dernières exécutions (18 min{Nbsp}: 1,5 × leur 95e centile de 12 min)",
            duration.TextBody, StringComparison.Ordinal);
        var test = await smtp.NextAsync();
        Assert.Equal("[ScoreCockpit] Test mail", test.Subject);
    }

    [Fact]
    public async Task An_unknown_mail_language_is_refused_with_the_supported_ones_and_a_known_one_round_trips()
    {
        const string Expected = "The mail language (mailCulture) = 'de' is not a supported culture. Supported: en (English), fr (français)";
        var json = ScoreDefinitionJson.Write(TestDefinitions.Sample("churn")).Replace("\"name\": \"churn\",", "\"name\": \"churn\", \"mailCulture\": \"de\",",
            StringComparison.Ordinal);
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);

        var imported = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<ImportScoreHandler>().HandleAsync(new ImportScore(json, false), Ana, Ct));
        var validated = Assert.Throws<CockpitValidationException>(
            () => ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { MailCulture = "de" }, []));
        var french = ScoreDefinitionValidator.Validate(TestDefinitions.Sample("churn") with { MailCulture = " fr-BE " }, []);

        Assert.StartsWith(Expected, imported.Message, StringComparison.Ordinal);
        Assert.StartsWith(Expected, validated.Message, StringComparison.Ordinal);
        Assert.Equal("fr-BE", ScoreDefinitionJson.Read(ScoreDefinitionJson.Write(french)).MailCulture);
        Assert.DoesNotContain("mailCulture", ScoreDefinitionJson.Write(TestDefinitions.Sample("churn")), StringComparison.Ordinal);
    }
}
