using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>Scenario runs mail their reporters through a real SMTP server started by the test.</summary>
public sealed class ScenarioAlertsTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Admin = Actor.Of("admin@example.com", Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestStore> MailingStoreAsync(TestSmtpServer smtp, PostgresClusterFixture postgres)
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<MailSettingsHandler>().SaveAsync(new MailSettingsInput(
            "127.0.0.1", smtp.Port, MailSecurity.None, null, null, "ScoreCockpit <cockpit@example.com>", "http://cockpit.example.com", ["ops@example.com"]), Admin, Ct);
        return store;
    }

    [Fact]
    public async Task A_failed_run_mails_which_step_failed_why_and_a_link_to_the_run()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = await MailingStoreAsync(smtp, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("nightly-prep", null, """
            {
              "steps": [
                { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ] },
                { "type": "run-sql", "name": "dataprep", "sql": "INSERT INTO missing_table SELECT ${date_ref}" }
              ],
              "reporters": [ { "to": ["analysts@example.com"] } ]
            }
            """), Ana, Ct);

        var run = await store.Get<ScenarioRunner>().RunAsync(new StartRun("nightly-prep"), Ana, Ct);
        var mail = await smtp.NextAsync();

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("analysts@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("nightly-prep", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("dataprep", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("missing_table", mail.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"http://cockpit.example.com/runs/{run.Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("dates", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, smtp.Waiting);
    }

    [Fact]
    public async Task A_check_in_warning_is_mailed_with_its_value_and_words_while_the_run_goes_on()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = await MailingStoreAsync(smtp, postgres);
        await store.Get<Engine.Demo.DemoInstaller>().InstallAsync(300, ct: Ct);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("churn-extract", "churn", """
            {
              "steps": [
                { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ] },
                { "type": "compute-metrics", "name": "measure", "dataset": { "table": "usage_${date_ref_yyyymm}" },
                  "metrics": [ { "name": "row_count", "kind": "row-count" } ] },
                { "type": "run-checks", "name": "check", "checks": [ { "name": "enough_rows", "kind": "bounds", "metric": "row_count", "warningMin": 1000000, "errorMin": 1 } ] },
                { "type": "set-variables", "name": "after", "variables": [ { "name": "done", "type": "integer", "value": "1" } ] }
              ],
              "reporters": [ { "to": ["data@example.com"] } ]
            }
            """), Ana, Ct);

        var run = await store.Get<ScenarioRunner>().RunAsync(new StartRun("churn-extract"), Ana, Ct);
        var mail = await smtp.NextAsync();

        Assert.Equal((RunStatus.Succeeded, 1), (run.Status, run.CheckWarnings));
        Assert.Equal("data@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("churn-extract", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("enough_rows", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("WARNING", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("row_count", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://cockpit.example.com/runs/{run.Id}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_past_its_duration_limit_is_mailed_once_while_it_runs()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var store = await MailingStoreAsync(smtp, postgres);
        var scenario = await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("monthly-retrain", null, """
            {
              "steps": [ { "type": "set-variables", "name": "mark", "variables": [ { "name": "x", "type": "integer", "value": "1" } ] } ],
              "reporters": [ { "onFailure": false } ],
              "durationLimitMinutes": 30
            }
            """), Ana, Ct);
        await using (var db = await store.OpenAsync())
        {
            db.ScenarioRuns.Add(new ScenarioRun
            {
                ScenarioId = scenario.Id,
                ScenarioName = scenario.Name,
                Status = RunStatus.Running,
                Trigger = "The 1st of each month at 06:00 (Europe/Paris)",
                StartedBy = "scheduler",
                AsOf = new DateOnly(2026, 3, 14),
                StartedAt = TestStore.Start.UtcDateTime,
                Owner = "host-a:42",
                // Its owner renews the lease all along (as a live process does); only the duration matters here.
                LeaseExpiresAt = TestStore.Start.UtcDateTime.AddDays(1),
            });
            await db.SaveChangesAsync(Ct);
        }

        var scheduler = store.Get<ScenarioScheduler>();
        store.Time.Advance(TimeSpan.FromMinutes(20));
        await scheduler.TickAsync(Ct);
        Assert.Equal(0, smtp.Waiting);

        store.Time.Advance(TimeSpan.FromMinutes(15));
        await scheduler.TickAsync(Ct);
        var mail = await smtp.NextAsync();
        store.Time.Advance(TimeSpan.FromMinutes(1));
        await scheduler.TickAsync(Ct);

        Assert.Equal("ops@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("monthly-retrain", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("30 min", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("35 min", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, smtp.Waiting);
    }
}
