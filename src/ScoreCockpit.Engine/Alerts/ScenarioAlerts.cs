using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>
/// The scenarios' reporters: a mail on failure, on a check in WARNING or ERROR, on success if asked, and once when
/// a run lasts longer than its limit (a fixed one, or one learnt from the scenario's last 20 runs: see DurationLimit).
/// The mails are in the language of the scenario's score, else the installation's (see <see cref="MailLanguage"/>).
/// </summary>
public sealed class ScenarioAlerts(
    IDbContextFactory<CockpitDbContext> contexts, MailSettingsHandler settings, MailSender sender, RunQueries runs,
    TimeProvider time, CockpitCulture installation, ILogger<ScenarioAlerts> logger) : IRunObserver
{
    public async Task RunFinishedAsync(ScenarioRun run, ScenarioDefinition definition, CancellationToken ct)
    {
        if (definition.Reporters.Count == 0 || await settings.GetAsync(ct) is not { } mail)
        {
            return;
        }

        var report = await ReportAsync(run, ct);
        var culture = await CultureAsync(run, ct);
        foreach (var reporter in definition.Reporters)
        {
            var to = Recipients(reporter, mail);
            if (RunAlerts.ForOutcome(report, Settings(reporter, to), mail.PortalBaseUrl, culture) is { } draft)
            {
                await sender.SendAsync(draft, ct);
            }
        }

        await DurationAsync(run, definition, () => Task.FromResult(report), mail, TimeSpan.FromMilliseconds(run.DurationMs), ct);
    }

    public async Task RunStillRunningAsync(ScenarioRun run, ScenarioDefinition definition, CancellationToken ct)
    {
        if (definition.Reporters.Count == 0 || await settings.GetAsync(ct) is not { } mail)
        {
            return;
        }

        // Called for every running run at every tick: the report is read only once the limit is passed.
        var elapsed = time.GetUtcNow().UtcDateTime - run.StartedAt;
        await DurationAsync(run, definition, async () => await ReportAsync(run, ct) with { Duration = elapsed }, mail, elapsed, ct);
    }

    private async Task DurationAsync(ScenarioRun run, ScenarioDefinition definition, Func<Task<RunReport>> report, MailSettings mail, TimeSpan elapsed, CancellationToken ct)
    {
        var reporters = definition.Reporters.Where(r => r.OnDuration).ToList();
        if (reporters.Count == 0 || run.Status == RunStatus.Skipped)
        {
            return;
        }

        var fixedLimit = definition.DurationLimitMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        var history = await runs.RecentDurationsAsync(run.ScenarioId, DurationLimit.History, run.Id, ct);
        if (DurationLimit.Of(fixedLimit, history) is not { } limit || elapsed <= limit.Limit)
        {
            return;
        }

        // Claim the alert in the store first, so a tick and the run's end never both send it.
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claimed = await db.ScenarioRuns.Where(r => r.Id == run.Id && r.DurationAlertAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.DurationAlertAt, time.GetUtcNow().UtcDateTime), ct);
        if (claimed == 0)
        {
            return;
        }

        // The log stays English; the mail gives the reason in its reader's language.
        var culture = await CultureAsync(run, ct);
        var reason = DurationLimit.Of(fixedLimit, history, culture: culture)?.Reason ?? limit.Reason;
        var draft = RunAlerts.ForDuration(await report(), limit.Limit, reason, mail.PortalBaseUrl, culture);
        foreach (var reporter in reporters)
        {
            await sender.SendAsync(draft with { To = Recipients(reporter, mail) }, ct);
        }

        logger.LogWarning("Scenario {Scenario} run {Run} passed its duration limit ({Reason})", run.ScenarioName, run.Id, limit.Reason);
    }

    private async Task<RunReport> ReportAsync(ScenarioRun run, CancellationToken ct)
    {
        var stored = await runs.GetAsync(run.Id, ct) ?? run;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = run.ScoreId is { } id ? await db.Scores.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(ct) : null;
        var checks = (await db.CheckResults.AsNoTracking().Where(c => c.ScenarioRunId == run.Id).ToListAsync(ct))
            .OrderByDescending(c => c.Status).ThenBy(c => c.CheckName, StringComparer.Ordinal)
            .Select(c => new CheckReport(c.CheckName, Quality.QualityNames.Of(c.Status), c.Value, c.Message))
            .ToList();
        return new RunReport(
            stored.Id, stored.ScenarioName, score, stored.Status.ToString(), stored.Trigger, new DateTimeOffset(stored.StartedAt, TimeSpan.Zero),
            TimeSpan.FromMilliseconds(stored.DurationMs), stored.FailedStep, stored.Failure,
            stored.Steps.OrderBy(s => s.Position).Select(s => new StepReport(s.Name, s.Type, s.Status.ToString(), TimeSpan.FromMilliseconds(s.DurationMs), s.Status == StepStatus.Failed ? s.Message : null)).ToList(),
            checks);
    }

    /// <summary>The score's mail language, else the installation's; a scenario without a score uses the installation's.</summary>
    private async Task<CultureInfo> CultureAsync(ScenarioRun run, CancellationToken ct)
    {
        if (run.ScoreId is not { } id)
        {
            return installation.Culture;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var json = await db.Scores.AsNoTracking().Where(s => s.Id == id).Select(s => s.DefinitionJson).SingleOrDefaultAsync(ct);
        try
        {
            return MailLanguage.For(json is null ? null : Scores.ScoreDefinitionJson.Read(json).MailCulture, installation);
        }
        catch (CockpitValidationException e)
        {
            // An alert still goes out when a stored definition no longer reads; it is then in the installation's language.
            logger.LogWarning("The definition of score {ScoreId} does not read ({Error}); run {Run} is mailed in the installation's language",
                id, e.Message, run.Id);
            return installation.Culture;
        }
    }

    private static IReadOnlyList<string> Recipients(ReporterDefinition reporter, MailSettings mail) =>
        reporter.To.Count > 0 ? reporter.To : mail.DefaultRecipients;

    private static ReporterSettings Settings(ReporterDefinition reporter, IReadOnlyList<string> to) =>
        new(to, reporter.OnFailure, reporter.OnWarning, reporter.OnSuccess, reporter.OnDuration);
}
