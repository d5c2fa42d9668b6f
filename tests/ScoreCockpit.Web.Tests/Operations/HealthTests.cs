using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Operations;

/// <summary>The probes through the real portal: anonymous, JSON with a reason per check, and never a secret.</summary>
public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> NoCache = new() { ["Health:ReadyCacheSeconds"] = "0" };

    [Fact]
    public async Task Ready_is_unhealthy_with_the_reason_while_the_postgres_store_is_stopped_and_healthy_when_it_is_back()
    {
        if (PostgresCluster.FindBinaries() is not { } bin)
        {
            ServiceRequirement.Missing("PostgreSQL", "apt-get install postgresql");
            return;
        }

        // A cluster of its own: stopping the shared one would fail the other tests using it.
        await using var cluster = await PostgresCluster.StartAsync(bin, Ct);
        var store = await cluster.CreateDatabaseAsync("health_store", Ct);
        await using var portal = new HealthPortal(new Dictionary<string, string>(NoCache)
        {
            ["Store:Provider"] = "Postgres",
            ["Store:ConnectionString"] = store,
        });
        var http = portal.CreateClient();

        var before = await HealthAnswer.GetAsync(http, "/health/ready");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (before.Code, before.Status));
        Assert.Equal(("Healthy", "The cockpit store answers."), before.Checks["store"]);

        await cluster.StopAsync(Ct);
        var down = await HealthAnswer.UntilAsync(http, "/health/ready", "Unhealthy", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Code);
        var (status, reason) = down.Checks["store"];
        Assert.Equal("Unhealthy", status);
        Assert.StartsWith("The cockpit store does not answer: ", reason, StringComparison.Ordinal);
        Assert.EndsWith("Check that the database server is running and reachable.", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", down.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($":{cluster.Port}", down.Body, StringComparison.Ordinal);
        // The liveness probe does not depend on the store: the process is not restarted for it.
        Assert.Equal("Healthy", (await HealthAnswer.GetAsync(http, "/health/live")).Status);

        await cluster.StartAgainAsync(Ct);
        var back = await HealthAnswer.UntilAsync(http, "/health/ready", "Healthy", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, back.Code);
        Assert.Equal("Healthy", back.Checks["store"].Status);
    }

    [Fact]
    public async Task Probes_answer_without_sign_in_and_an_unreachable_warehouse_is_named_without_its_secret()
    {
        await using var portal = new HealthPortal(NoCache);
        var http = new Http.PortalClient(portal).Http;
        const string password = "Sup3r-Secret-Pw!";
        var port = PostgresCluster.FindFreePort();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=scorer;Password={password};Database=dw;Timeout=3";
        await portal.Services.GetRequiredService<WarehouseConnections>().SaveAsync(
            new SaveConnection("sales-dw", WarehouseKind.Postgres, connectionString), Actor.Of("admin@example.com", Roles.Admin), Ct);

        var live = await HealthAnswer.GetAsync(http, "/health/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Code, live.Status));

        var ready = await HealthAnswer.GetAsync(http, "/health/ready");
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (ready.Code, ready.Status));
        Assert.Equal("Healthy", ready.Checks["store"].Status);
        Assert.Equal("Healthy", ready.Checks["scheduler"].Status);
        var (status, reason) = ready.Checks["warehouse:sales-dw"];
        Assert.Equal("Degraded", status);
        Assert.StartsWith("The warehouse connection 'sales-dw' does not answer: connection refused.", reason, StringComparison.Ordinal);
        Assert.Equal("Healthy", ready.Checks["warehouse:demo"].Status);
        foreach (var secret in new[] { password, connectionString, "Password", "Host=", "127.0.0.1", $":{port}", "scorer", "   at " })
        {
            Assert.DoesNotContain(secret, ready.Body, StringComparison.OrdinalIgnoreCase);
        }

        // Other pages still ask for sign-in: only the probes are open.
        using var page = await http.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Ready_reuses_its_report_for_a_few_seconds_so_a_probe_storm_checks_once()
    {
        await using var portal = new HealthPortal(new Dictionary<string, string> { ["Health:ReadyCacheSeconds"] = "30" });
        var http = portal.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => HealthAnswer.GetAsync(http, "/health/ready")));

        // One report for all: the same check time, to the digit.
        Assert.Single(answers.Select(a => a.Body.Split("\"checkedAt\":")[1]).Distinct());
    }
}
