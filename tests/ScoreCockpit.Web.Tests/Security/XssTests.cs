using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Security;

/// <summary>
/// Script payloads stored in every free-text field a person or a warehouse can fill, then every page that shows them
/// fetched as the server renders it: each payload appears, and only HTML-escaped.
/// </summary>
public sealed class XssTests(XssTests.SeededPortal seeded) : IClassFixture<XssTests.SeededPortal>
{
    private const string Password = "Portal2026ok";
    private static readonly Actor Admin = Actor.Of("admin@example.com", Roles.Admin, Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A field's payload: a script element and an attribute break-out, tagged so a page shows which field it printed.</summary>
    public static string Payload(string field) => $"<script>alert('{field}')</script>\"><img src=x onerror=alert('{field}')>";

    /// <summary>Variables refuse quotes (their values go into SQL): the same attack without them.</summary>
    public static string UnquotedPayload(string field) => $"<script>alert({field})</script><img src=x onerror=alert({field})>";

    /// <summary>One portal for every page, seeded once: the pages only read.</summary>
    public sealed class SeededPortal : IAsyncLifetime
    {
        public PortalFactory Portal { get; } = new();

        public long RunId { get; private set; }

        public async ValueTask InitializeAsync() => RunId = await SeedAsync(Portal);

        public async ValueTask DisposeAsync() => await Portal.DisposeAsync();
    }

    private static async Task<long> SeedAsync(PortalFactory portal)
    {
        await portal.AddUserAsync("admin@example.com", Password, Roles.Admin, Roles.Analyst);
        var services = portal.Services;
        await services.GetRequiredService<GlobalVariablesHandler>().SetAsync(
            new SetGlobalVariable("xss_global", VariableType.Text, UnquotedPayload("global-variable")), Admin, Ct);
        await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = "xss",
            Description = Payload("description"),
            DataprepSql = $"SELECT 1 AS customer_id, ${{date_ref}} AS date_ref, 0 AS churned, '{Payload("sql").Replace("'", "''", StringComparison.Ordinal)}' AS note",
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
            Variables = [new VariableSetting("xss_local", VariableType.Text, UnquotedPayload("score-variable"))],
        }), Admin, Ct);
        await services.GetRequiredService<SaveScenarioHandler>().HandleAsync(new SaveScenario("xss-scenario", "xss", """
            { "steps": [ { "type": "set-variables", "name": "dates", "variables": [] } ], "triggers": [ { "type": "manual" } ] }
            """, Description: Payload("scenario-description")), Admin, Ct);

        await using var db = await services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        var score = await db.Scores.SingleAsync(s => s.Name == "xss", Ct);
        var scenario = await db.Scenarios.SingleAsync(Ct);
        var at = new DateTime(2026, 3, 14, 6, 0, 0, DateTimeKind.Utc);
        var run = new ScenarioRun
        {
            ScenarioId = scenario.Id,
            ScenarioName = scenario.Name,
            ScoreId = score.Id,
            Status = RunStatus.Failed,
            Trigger = "manual",
            StartedBy = "admin@example.com",
            AsOf = new DateOnly(2026, 3, 14),
            StartedAt = at,
            FinishedAt = at.AddSeconds(3),
            DurationMs = 3000,
            Owner = "gone:1",
            FailedStep = "dates",
            Failure = Payload("run-failure"),
            Steps = [new() { Position = 0, Name = "dates", Type = "set-variables", Status = StepStatus.Failed, StartedAt = at, DurationMs = 3000,
                Message = Payload("step-message"), Log = Payload("step-log") }],
        };
        db.ScenarioRuns.Add(run);
        foreach (var month in new[] { new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28) })
        {
            db.CheckResults.Add(new CheckResult
            {
                ScoreId = score.Id,
                CheckName = "volumetry",
                Kind = "change",
                MetricName = "row_count",
                Status = CheckStatus.Error,
                Value = 10,
                Message = Payload("check-message"),
                ReferenceDate = month,
                CheckedAt = at,
            });
        }

        db.AuditEntries.Add(new AuditEntry { Actor = "admin@example.com", Action = AuditActions.ScoreUpdated, Subject = "xss", Details = Payload("audit"), At = at });
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }

    public static TheoryData<string, string[]> Pages => new()
    {
        { "/", [] },
        { "/scores", ["description"] },
        { "/scores/xss", ["description"] },
        { "/variables", ["global-variable"] },
        { "/scenarios", ["scenario-description"] },
        { "/scenarios/xss-scenario", ["scenario-description", "run-failure"] },
        { "/runs", [] },
        { "/runs/{run}", ["run-failure", "step-message"] },
        { "/quality", ["check-message"] },
        { "/admin/audit", [] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_shows_stored_payloads_only_escaped(string path, string[] fields)
    {
        var client = new PortalClient(seeded.Portal);
        await client.SignInOrFailAsync("admin@example.com", Password);

        var response = await client.GetAsync(path.Replace("{run}", seeded.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain("<script>alert(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror=alert", html.Replace("&quot;&gt;&lt;img src=x onerror=alert", "", StringComparison.Ordinal)
            .Replace("&lt;img src=x onerror=alert", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            Assert.True(html.Contains($"&lt;script&gt;alert(&#x27;{field}&#x27;)&lt;/script&gt;", StringComparison.Ordinal)
                || html.Contains($"&lt;script&gt;alert({field})&lt;/script&gt;", StringComparison.Ordinal),
                $"{path} should show the {field} (escaped); it does not show it at all, so this test proves nothing for it.");
        }
    }
}
