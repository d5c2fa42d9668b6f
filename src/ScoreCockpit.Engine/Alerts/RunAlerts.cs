using System.Globalization;
using ScoreCockpit.Engine.Localization;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>
/// Which mail a finished or long-running run deserves, and what it says. Pure: the scenario runner decides when
/// to call it and sends the result with <see cref="MailSender"/>. The mail is written in the culture given (the
/// score's mail language, see <see cref="MailLanguage"/>); null is English. Names, messages and the reason a run
/// failed are shown as they were written.
/// </summary>
public static class RunAlerts
{
    /// <summary>
    /// A failure mail (failed or interrupted run), else a mail listing the checks not OK, else a success mail when
    /// the reporter asks for one; null when the reporter wants none of these or names no recipient.
    /// </summary>
    public static MailMessageDraft? ForOutcome(RunReport run, ReporterSettings reporter, string portalBaseUrl, CultureInfo? culture = null)
    {
        if (reporter.To.Count == 0 || Is(run.Status, RunStatuses.Skipped))
        {
            return null;
        }

        var texts = MailLanguage.Texts(culture);
        var notOk = NotOk(run);
        if (reporter.OnFailure && (Is(run.Status, RunStatuses.Failed) || Is(run.Status, RunStatuses.Interrupted)))
        {
            var key = Is(run.Status, RunStatuses.Failed) ? "HeadlineFailed" : "HeadlineInterrupted";
            var headline = run.FailedStep is null ? texts.Format(key, run.ScenarioName) : texts.Format(key + "At", run.ScenarioName, run.FailedStep);
            return Draft(reporter.To, headline, run, run.FailedStep, run.Duration, "FactTook", notOk, portalBaseUrl, texts);
        }

        if (reporter.OnWarning && notOk.Count > 0)
        {
            var counts = string.Join(", ", notOk.GroupBy(c => c.Status.ToUpperInvariant()).OrderBy(g => Severity(g.Key))
                .Select(g => string.Create(texts.Culture, $"{g.Count()} {AlertBody.Status("Check", g.Key, texts)}")));
            var checks = notOk.Count == 1 ? texts.Format("OneCheck", notOk[0].Name) : texts.Format("ManyChecks", notOk.Count);
            var verb = AlertBody.Status("Verb", run.Status, texts);
            var headline = texts.Format("HeadlineChecks", run.ScenarioName, verb == run.Status ? run.Status.ToLowerInvariant() : verb, checks, counts);
            return Draft(reporter.To, headline, run, run.FailedStep, run.Duration, "FactTook", notOk, portalBaseUrl, texts);
        }

        if (reporter.OnSuccess && Is(run.Status, RunStatuses.Succeeded))
        {
            var headline = texts.Format("HeadlineSucceeded", run.ScenarioName, HumanDuration.Format(run.Duration, texts.Culture));
            return Draft(reporter.To, headline, run, null, run.Duration, "FactTook", notOk, portalBaseUrl, texts);
        }

        return null;
    }

    /// <summary>
    /// The mail for a run still going past its limit (see <see cref="DurationLimit.Of"/>). Its To is empty: the caller
    /// addresses it, e.g. <c>draft with { To = reporter.To }</c>, for each reporter with OnDuration.
    /// </summary>
    /// <param name="limitReason">
    /// "the fixed limit of 30 min" or "the limit learnt from the last 20 runs (18 min: …)", in the mail's language.
    /// </param>
    public static MailMessageDraft ForDuration(
        RunReport runSoFar, TimeSpan limit, string limitReason, string portalBaseUrl, CultureInfo? culture = null)
    {
        var texts = MailLanguage.Texts(culture);
        var current = runSoFar.Steps.LastOrDefault(s => Is(s.Status, RunStatuses.Running))?.Name ?? runSoFar.FailedStep;
        var headline = texts.Format("HeadlineTooLong", runSoFar.ScenarioName, HumanDuration.Format(limit, texts.Culture));
        var why = texts.Format("WhyTooLong", HumanDuration.Format(runSoFar.Duration, texts.Culture), limitReason);
        return Draft([], headline, runSoFar with { Reason = why }, current, runSoFar.Duration, "FactRunningFor", NotOk(runSoFar),
            portalBaseUrl, texts);
    }

    private static MailMessageDraft Draft(IReadOnlyList<string> to, string headline, RunReport run, string? step, TimeSpan duration,
        string durationLabel, IReadOnlyList<CheckReport> notOk, string portalBaseUrl, Texts texts)
    {
        var link = $"{portalBaseUrl.Trim().TrimEnd('/')}/runs/{run.RunId}";
        var facts = new List<(string Label, string Value)>
        {
            (texts["FactScenario"], run.ScenarioName),
            (texts["FactScore"], run.ScoreName ?? "—"),
        };
        if (step is not null)
        {
            facts.Add((texts["FactStep"], step));
        }

        if (!string.IsNullOrWhiteSpace(run.Reason))
        {
            facts.Add((texts["FactWhy"], run.Reason));
        }

        facts.Add((texts[durationLabel], HumanDuration.Format(duration, texts.Culture)));
        facts.Add((texts["FactTrigger"], run.Trigger));
        facts.Add((texts["FactStarted"], AlertBody.Time(run.StartedAt)));
        var body = new AlertBody(headline, facts, run.Steps, notOk, link, texts);
        return new MailMessageDraft(to, texts.Format("Subject", headline), body.Text(), body.Html());
    }

    private static List<CheckReport> NotOk(RunReport run) =>
        run.Checks.Where(c => !Is(c.Status, RunStatuses.CheckOk)).OrderBy(c => Severity(c.Status)).ToList();

    // Errors first: the reader sees the worst line at the top.
    private static int Severity(string status) => Is(status, RunStatuses.CheckError) ? 0 : 1;

    private static bool Is(string status, string expected) => string.Equals(status, expected, StringComparison.OrdinalIgnoreCase);
}
