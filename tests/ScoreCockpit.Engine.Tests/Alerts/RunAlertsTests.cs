using System.Text.Json;
using ScoreCockpit.Engine.Alerts;
using Xunit;
using static ScoreCockpit.Engine.Tests.Alerts.AlertSamples;

namespace ScoreCockpit.Engine.Tests.Alerts;

/// <summary>Which mail a run deserves and what it says, without a mail server.</summary>
public sealed class RunAlertsTests
{
    [Fact]
    public void A_failed_run_gives_a_failure_mail_with_everything_needed_to_act()
    {
        var mail = RunAlerts.ForOutcome(Failed(), Ops(), PortalUrl);

        Assert.NotNull(mail);
        Assert.Equal(["ops@example.com", "Ana <ana@example.com>"], mail.To);
        Assert.Equal("[ScoreCockpit] churn-application failed at step 'check volumetry'", mail.Subject);
        Assert.Equal("""
            churn-application failed at step 'check volumetry'.

            Scenario: churn-application
            Score:    churn
            Step:     check volumetry
            Why:      row count 12 is below the minimum of 1000
            Took:     4 min 12 s
            Trigger:  schedule Wednesdays 11:40
            Started:  2026-03-14 09:30:00 +01:00

            Checks not OK:
              ERROR   row count: 12 — below the minimum of 1000

            Steps:
              Succeeded   set dates (set-variables), 2 s
              Failed      check volumetry (checks), 4 min 10 s — row count 12 is below the minimum of 1000
              Skipped     score customers (score)

            Open the run: http://localhost:5000/runs/42

            """, mail.TextBody.ReplaceLineEndings("\n"));
        Assert.NotNull(mail.HtmlBody);
        Assert.Contains("<a href=\"http://localhost:5000/runs/42\">Open the run</a>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Why</td><td>row count 12 is below the minimum of 1000</td></tr>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<li>Skipped     score customers (score)</li>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_run_says_so_and_a_failure_without_a_step_names_none()
    {
        var interrupted = RunAlerts.ForOutcome(Failed() with { Status = "Interrupted" }, Ops(), PortalUrl);
        var noStep = RunAlerts.ForOutcome(Failed() with { FailedStep = null, Checks = [] }, Ops(), PortalUrl);

        Assert.Equal("[ScoreCockpit] churn-application was interrupted at step 'check volumetry'", interrupted?.Subject);
        Assert.Equal("[ScoreCockpit] churn-application failed", noStep?.Subject);
        Assert.DoesNotContain("Step:", noStep!.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Checks not OK", noStep.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_not_OK_give_a_mail_listing_each_with_its_value_errors_first()
    {
        var mail = RunAlerts.ForOutcome(SucceededWithWarnings(), Ops(), PortalUrl + "/");

        Assert.NotNull(mail);
        Assert.Equal("[ScoreCockpit] churn-application succeeded with 2 checks not OK (1 ERROR, 1 WARNING)", mail.Subject);
        var text = mail.TextBody.ReplaceLineEndings("\n");
        Assert.Contains("""
            Checks not OK:
              ERROR   score PSI: 0.31 — above 0.25 against the previous run
              WARNING null rate of tenure: 0.0523 — above the warning bound 0.05

            """, text, StringComparison.Ordinal);
        Assert.DoesNotContain("row count", text, StringComparison.Ordinal);
        Assert.Contains("Took:     12 min\n", text, StringComparison.Ordinal);
        Assert.Contains("Open the run: http://localhost:5000/runs/43\n", text, StringComparison.Ordinal);
        Assert.Contains("<li><b>WARNING</b> null rate of tenure: 0.0523 — above the warning bound 0.05</li>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void One_check_not_OK_is_named_in_the_subject()
    {
        var run = SucceededWithWarnings() with { Checks = [new CheckReport("row count", "WARNING", null, "no previous run to compare")] };

        var mail = RunAlerts.ForOutcome(run, Ops(), PortalUrl);

        Assert.Equal("[ScoreCockpit] churn-application succeeded with check 'row count' not OK (1 WARNING)", mail?.Subject);
        Assert.Contains("WARNING row count: no value — no previous run to compare", mail!.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_success_mail_is_sent_only_when_the_reporter_asks_for_it()
    {
        Assert.Null(RunAlerts.ForOutcome(Succeeded(), Ops(), PortalUrl));

        var mail = RunAlerts.ForOutcome(Succeeded(), Ops(onSuccess: true), PortalUrl);

        Assert.Equal("[ScoreCockpit] churn-application succeeded in 12 min", mail?.Subject);
        Assert.Contains("Trigger:  manual by ana@example.com\n", mail!.TextBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Succeeded   score customers (score), 11 min 30 s", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reporter_hears_only_about_the_outcomes_it_chose()
    {
        // A failure with an ERROR check still reaches a reporter that only follows checks, as a checks mail.
        var checksOnly = RunAlerts.ForOutcome(Failed(), Ops(onFailure: false), PortalUrl);

        Assert.Equal("[ScoreCockpit] churn-application failed with check 'row count' not OK (1 ERROR)", checksOnly?.Subject);
        Assert.Null(RunAlerts.ForOutcome(Failed(), Ops(onFailure: false, onWarning: false, onSuccess: true), PortalUrl));
        Assert.Null(RunAlerts.ForOutcome(SucceededWithWarnings(), Ops(onWarning: false), PortalUrl));
        Assert.Null(RunAlerts.ForOutcome(Succeeded() with { Status = "Skipped" }, Ops(onSuccess: true), PortalUrl));
        Assert.Null(RunAlerts.ForOutcome(Failed(), new ReporterSettings([]), PortalUrl));
    }

    [Fact]
    public void A_duration_mail_names_the_limit_and_the_step_still_running()
    {
        var mail = RunAlerts.ForDuration(StillRunning(), TimeSpan.FromMinutes(30), "the fixed limit of 30 min", PortalUrl);

        Assert.Empty(mail.To);
        Assert.Equal("[ScoreCockpit] churn-application is running longer than 30 min", mail.Subject);
        var text = mail.TextBody.ReplaceLineEndings("\n");
        Assert.Contains("Step:        train challengers\n", text, StringComparison.Ordinal);
        Assert.Contains("Why:         Running for 42 min, longer than the fixed limit of 30 min.", text, StringComparison.Ordinal);
        Assert.Contains("Running for: 42 min\n", text, StringComparison.Ordinal);
        Assert.Contains("Running     train challengers (train), 41 min", text, StringComparison.Ordinal);
        Assert.Contains("Open the run: http://localhost:5000/runs/45", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_and_messages_are_escaped_in_the_html_body()
    {
        var run = Failed() with { ScenarioName = "a<b>", Reason = "x < 3 & y > 2" };

        var mail = RunAlerts.ForOutcome(run, Ops(), PortalUrl);

        Assert.Contains("<b>a&lt;b&gt; failed at step &#39;check volumetry&#39;.</b>", mail!.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("x &lt; 3 &amp; y &gt; 2", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Why:      x < 3 & y > 2", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Reporter_settings_read_camel_case_json_with_defaults()
    {
        var reporter = JsonSerializer.Deserialize<ReporterSettings>("""{"to":["ops@example.com"],"onSuccess":true}""");

        Assert.NotNull(reporter);
        Assert.Equal(["ops@example.com"], reporter.To);
        Assert.Equal((true, true, true, true), (reporter.OnFailure, reporter.OnWarning, reporter.OnSuccess, reporter.OnDuration));
        Assert.Equal("""{"to":["a@example.com"],"onFailure":false,"onWarning":true,"onSuccess":false,"onDuration":true}""",
            JsonSerializer.Serialize(new ReporterSettings(["a@example.com"], OnFailure: false)));
    }
}
