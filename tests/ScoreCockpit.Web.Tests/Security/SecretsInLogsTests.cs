using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Security;

/// <summary>
/// The secret-bearing actions are done against the real portal with every log line kept (Debug and up); then the
/// lines, and every message shown to a person, are scanned for the secrets.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string Password = "Sign-In-Secret-7c41";
    private const string WrongPassword = "Wrong-Secret-93ab";
    private const string WarehousePassword = "Warehouse-Secret-5e2d";
    private const string SmtpPassword = "Smtp-Secret-0b77";

    private static readonly Actor Admin = Actor.Of("admin@example.com", Roles.Admin, Roles.Analyst);

    private readonly PortalFactory _portal = new() { CapturedLevel = LogLevel.Debug };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _portal.AddUserAsync("admin@example.com", Password, Roles.Admin, Roles.Analyst);

    [Fact]
    public async Task Passwords_and_connection_secrets_never_reach_the_logs_or_the_messages_shown()
    {
        var shown = new List<string>();
        var client = new PortalClient(_portal);
        var refused = await client.SignInAsync("admin@example.com", WrongPassword);
        shown.Add(await refused.Content.ReadAsStringAsync(Ct));
        await client.SignInOrFailAsync("admin@example.com", Password);

        var dead = DeadPort();
        var connections = _portal.Services.GetRequiredService<WarehouseConnections>();
        await connections.SaveAsync(new SaveConnection("leaky", WarehouseKind.Postgres,
            $"Host=127.0.0.1;Port={dead};Database=dw;Username=etl;Password={WarehousePassword};Timeout=3"), Admin, Ct);
        shown.Add((await Assert.ThrowsAnyAsync<Exception>(() => connections.TestAsync("leaky", Admin, Ct))).ToString());

        await _portal.Services.GetRequiredService<MailSettingsHandler>().SaveAsync(new MailSettingsInput(
            "127.0.0.1", dead, MailSecurity.None, "mailer", SmtpPassword, "cockpit@example.com", "https://cockpit.example.com", []), Admin, Ct);
        shown.Add((await Assert.ThrowsAnyAsync<Exception>(
            () => _portal.Services.GetRequiredService<MailSender>().SendTestAsync("ops@example.com", Admin, Ct))).ToString());

        await _portal.Services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = "leaky-score",
            Connection = "leaky",
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned",
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
        }), Admin, Ct);
        await _portal.Services.GetRequiredService<SaveScenarioHandler>().HandleAsync(new SaveScenario("leaky-run", "leaky-score", """
            { "steps": [ { "type": "build-snapshot", "name": "snapshot" } ], "triggers": [ { "type": "manual" } ] }
            """), Admin, Ct);
        var run = await _portal.Services.GetRequiredService<ScenarioRunner>().RunAsync(new StartRun("leaky-run"), Admin, Ct);
        Assert.Equal(RunStatus.Failed, run.Status);
        await using (var db = await _portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct))
        {
            var stored = await db.ScenarioRuns.Include(r => r.Steps).SingleAsync(r => r.Id == run.Id, Ct);
            shown.Add(stored.Failure ?? "");
            shown.AddRange(stored.Steps.Select(s => $"{s.Message}\n{s.Log}"));
            shown.AddRange(await db.AuditEntries.Select(a => a.Details ?? "").ToListAsync(Ct));
        }

        var lines = _portal.LogLines;
        // The scan could find something: the failures above were logged, with their exceptions.
        Assert.Contains(lines, l => l.Contains("leaky", StringComparison.Ordinal));
        Assert.Contains(shown, s => s.Contains("127.0.0.1", StringComparison.Ordinal));
        foreach (var secret in new[] { Password, WrongPassword, WarehousePassword, SmtpPassword })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(shown, s => s.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_store_never_logs_parameter_values()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);

        var options = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>();

        Assert.NotNull(options);
        Assert.False(options.IsSensitiveDataLoggingEnabled);
    }

    /// <summary>A local port nothing listens on: bound, then released.</summary>
    private static int DeadPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
