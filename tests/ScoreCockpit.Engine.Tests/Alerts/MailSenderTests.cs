using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;
using static ScoreCockpit.Engine.Tests.Alerts.AlertSamples;

namespace ScoreCockpit.Engine.Tests.Alerts;

/// <summary>Alert mails through a real SMTP server in this process.</summary>
public sealed class MailSenderTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Admin = Actor.Of("adam@example.com", Roles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MailSettingsInput Local(int port, string? user = null, string? password = null) => new(
        "127.0.0.1", port, MailSecurity.None, user, password, "ScoreCockpit <cockpit@example.com>", PortalUrl, ["ops@example.com"]);

    private async Task<(TestStore Store, MailSender Sender)> ConfiguredAsync(int port, string? user = null, string? password = null)
    {
        var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<MailSettingsHandler>().SaveAsync(Local(port, user, password), Admin, Ct);
        return (store, store.Get<MailSender>());
    }

    [Fact]
    public async Task A_failure_mail_arrives_with_scenario_step_reason_duration_and_link()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var (store, sender) = await ConfiguredAsync(smtp.Port);
        await using var _ = store;
        var settings = (await store.Get<MailSettingsHandler>().GetAsync(Ct))!;

        await sender.SendAsync(RunAlerts.ForOutcome(Failed(), Ops(), settings.PortalBaseUrl)!, Ct);

        var mail = await smtp.NextAsync();
        Assert.Equal("[ScoreCockpit] churn-application failed at step 'check volumetry'", mail.Subject);
        Assert.Equal("\"ScoreCockpit\" <cockpit@example.com>", mail.From.ToString());
        Assert.Equal(["ops@example.com", "ana@example.com"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        var text = (mail.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.Contains("Scenario: churn-application\n", text, StringComparison.Ordinal);
        Assert.Contains("Step:     check volumetry\n", text, StringComparison.Ordinal);
        Assert.Contains("Why:      row count 12 is below the minimum of 1000\n", text, StringComparison.Ordinal);
        Assert.Contains("Took:     4 min 12 s\n", text, StringComparison.Ordinal);
        Assert.Contains("Open the run: http://localhost:5000/runs/42\n", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://localhost:5000/runs/42\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(0, smtp.Waiting);
    }

    [Fact]
    public async Task A_check_warning_mail_lists_the_checks_and_a_duration_mail_names_the_limit()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var (store, sender) = await ConfiguredAsync(smtp.Port);
        await using var _ = store;
        var limit = DurationLimit.Of(TimeSpan.FromMinutes(60), Enumerable.Repeat(TimeSpan.FromMinutes(12), 20).ToList())!.Value;

        await sender.SendAsync(RunAlerts.ForOutcome(SucceededWithWarnings(), Ops(), PortalUrl)!, Ct);
        await sender.SendAsync(RunAlerts.ForDuration(StillRunning(), limit.Limit, limit.Reason, PortalUrl) with { To = Ops().To }, Ct);

        var checks = await smtp.NextAsync();
        Assert.Equal("[ScoreCockpit] churn-application succeeded with 2 checks not OK (1 ERROR, 1 WARNING)", checks.Subject);
        Assert.Contains("WARNING null rate of tenure: 0.0523 — above the warning bound 0.05", checks.TextBody, StringComparison.Ordinal);
        Assert.Contains("ERROR   score PSI: 0.31 — above 0.25 against the previous run", checks.TextBody, StringComparison.Ordinal);
        var duration = await smtp.NextAsync();
        Assert.Equal("[ScoreCockpit] churn-application is running longer than 18 min", duration.Subject);
        Assert.Contains("longer than the limit learnt from the last 20 runs (18 min: 1.5 × their 95th percentile of 12 min)", duration.TextBody,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_mail_reaches_the_typed_address_and_only_an_admin_sends_it()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var (store, sender) = await ConfiguredAsync(smtp.Port);
        await using var _ = store;

        var said = await sender.SendTestAsync(" me@example.com ", Admin, Ct);
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(
            () => sender.SendTestAsync("me@example.com", Actor.Of("ana@example.com", Roles.Analyst), Ct));
        var wrong = await Assert.ThrowsAsync<CockpitValidationException>(() => sender.SendTestAsync("me", Admin, Ct));

        Assert.Equal($"Test mail sent to me@example.com through 127.0.0.1:{smtp.Port}.", said);
        var mail = await smtp.NextAsync();
        Assert.Equal(("[ScoreCockpit] Test mail", "me@example.com"), (mail.Subject, mail.To.Mailboxes.Single().Address));
        Assert.Contains("sent by adam@example.com", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("ana@example.com cannot send a test mail: this needs the Admin role. Ask an Admin to grant it.", denied.Message);
        Assert.Equal("'me' is not a valid mail address; type one like you@example.com.", wrong.Message);
        Assert.Equal(0, smtp.Waiting);
    }

    [Fact]
    public async Task A_server_that_wants_a_sign_in_gets_the_stored_password_and_a_wrong_one_is_named()
    {
        await using var smtp = await TestSmtpServer.StartAsync("cockpit", "Smtp-Secret-77");
        var (store, sender) = await ConfiguredAsync(smtp.Port, "cockpit", "Smtp-Secret-77");
        await using var _ = store;

        await sender.SendTestAsync("me@example.com", Admin, Ct);
        Assert.Equal("[ScoreCockpit] Test mail", (await smtp.NextAsync()).Subject);

        await store.Get<MailSettingsHandler>().SaveAsync(Local(smtp.Port, "cockpit", "wrong-one"), Admin, Ct);
        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendTestAsync("me@example.com", Admin, Ct));

        Assert.Equal($"The mail server 127.0.0.1:{smtp.Port} refused the user name 'cockpit' and its password: " +
            "check them under Admin → Settings → Mail.", error.Message);
        Assert.DoesNotContain("wrong-one", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, smtp.Waiting);
    }

    [Fact]
    public async Task Sending_without_a_mail_server_says_an_admin_must_set_one()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var sender = store.Get<MailSender>();

        var send = await Assert.ThrowsAsync<CockpitValidationException>(
            () => sender.SendAsync(RunAlerts.ForOutcome(Failed(), Ops(), PortalUrl)!, Ct));
        var test = await Assert.ThrowsAsync<CockpitValidationException>(() => sender.SendTestAsync("me@example.com", Admin, Ct));

        const string Expected = "No mail server is set: an Admin enters one under Admin → Settings → Mail before mails can be sent.";
        Assert.Equal((Expected, Expected), (send.Message, test.Message));
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_named_with_host_and_port()
    {
        var port = PostgresCluster.FindFreePort();
        var (store, sender) = await ConfiguredAsync(port);
        await using var _ = store;

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendTestAsync("me@example.com", Admin, Ct));

        Assert.Equal($"Cannot connect to the mail server 127.0.0.1:{port} (connection refused): check the host and port under " +
            "Admin → Settings → Mail and that the server accepts connections from this machine.", error.Message);
    }

    [Fact]
    public async Task A_mail_without_recipients_is_refused_before_connecting()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var (store, sender) = await ConfiguredAsync(smtp.Port);
        await using var _ = store;
        var draft = RunAlerts.ForDuration(StillRunning(), TimeSpan.FromMinutes(30), "the fixed limit of 30 min", PortalUrl);

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => sender.SendAsync(draft, Ct));

        Assert.StartsWith("The mail '[ScoreCockpit] churn-application is running longer than 30 min' has no recipient", error.Message,
            StringComparison.Ordinal);
        Assert.Equal(0, smtp.Waiting);
    }

    [Fact]
    public async Task Starttls_on_a_server_without_it_is_named_as_a_security_problem()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var (store, sender) = await ConfiguredAsync(smtp.Port);
        await using var _ = store;
        await store.Get<MailSettingsHandler>().SaveAsync(Local(smtp.Port) with { Security = MailSecurity.StartTls }, Admin, Ct);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendTestAsync("me@example.com", Admin, Ct));

        Assert.Equal($"The mail server 127.0.0.1:{smtp.Port} does not offer STARTTLS: choose another security setting or port under " +
            "Admin → Settings → Mail.", error.Message);
    }

    [Fact]
    public async Task Ssl_on_connect_to_a_plain_server_is_named_as_a_security_problem()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var (store, sender) = await ConfiguredAsync(smtp.Port);
        await using var _ = store;
        await store.Get<MailSettingsHandler>().SaveAsync(Local(smtp.Port) with { Security = MailSecurity.SslOnConnect }, Admin, Ct);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendTestAsync("me@example.com", Admin, Ct));

        Assert.StartsWith($"The secure connection to the mail server 127.0.0.1:{smtp.Port} failed (SslOnConnect): check the security setting",
            error.Message, StringComparison.Ordinal);
    }
}
