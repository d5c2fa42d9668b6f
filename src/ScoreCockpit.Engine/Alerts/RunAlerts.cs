namespace ScoreCockpit.Engine.Alerts;

/// <summary>
/// Which mail a finished or long-running run deserves, and what it says. Pure: the scenario runner decides when
/// to call it and sends the result with <see cref="MailSender"/>.
/// </summary>
public static class RunAlerts
{
    /// <summary>
    /// A failure mail (failed or interrupted run), else a mail listing the checks not OK, else a success mail when
    /// the reporter asks for one; null when the reporter wants none of these or names no recipient.
    /// </summary>
    public static MailMessageDraft? ForOutcome(RunReport run, ReporterSettings reporter, string portalBaseUrl)
    {
        if (reporter.To.Count == 0 || Is(run.Status, RunStatuses.Skipped))
        {
            return null;
        }

        var notOk = NotOk(run);
        if (reporter.OnFailure && (Is(run.Status, RunStatuses.Failed) || Is(run.Status, RunStatuses.Interrupted)))
        {
            var verb = Is(run.Status, RunStatuses.Failed) ? "failed" : "was interrupted";
            var headline = run.FailedStep is null ? $"{run.ScenarioName} {verb}" : $"{run.ScenarioName} {verb} at step '{run.FailedStep}'";
            return Draft(reporter.To, headline, run, run.FailedStep, run.Duration, "Took", notOk, portalBaseUrl);
        }

        if (reporter.OnWarning && notOk.Count > 0)
        {
            var counts = string.Join(", ", notOk.GroupBy(c => c.Status.ToUpperInvariant()).OrderBy(g => Severity(g.Key))
                .Select(g => $"{g.Count()} {g.Key}"));
            var checks = notOk.Count == 1 ? $"check '{notOk[0].Name}'" : $"{notOk.Count} checks";
            var headline = $"{run.ScenarioName} {run.Status.ToLowerInvariant()} with {checks} not OK ({counts})";
            return Draft(reporter.To, headline, run, run.FailedStep, run.Duration, "Took", notOk, portalBaseUrl);
        }

        if (reporter.OnSuccess && Is(run.Status, RunStatuses.Succeeded))
        {
            var headline = $"{run.ScenarioName} succeeded in {HumanDuration.Format(run.Duration)}";
            return Draft(reporter.To, headline, run, null, run.Duration, "Took", notOk, portalBaseUrl);
        }

        return null;
    }

    /// <summary>
    /// The mail for a run still going past its limit (see <see cref="DurationLimit.Of"/>). Its To is empty: the caller
    /// addresses it, e.g. <c>draft with { To = reporter.To }</c>, for each reporter with OnDuration.
    /// </summary>
    /// <param name="limitReason">"the fixed limit of 30 min" or "the limit learnt from the last 20 runs (18 min: …)".</param>
    public static MailMessageDraft ForDuration(RunReport runSoFar, TimeSpan limit, string limitReason, string portalBaseUrl)
    {
        var current = runSoFar.Steps.LastOrDefault(s => Is(s.Status, RunStatuses.Running))?.Name ?? runSoFar.FailedStep;
        var headline = $"{runSoFar.ScenarioName} is running longer than {HumanDuration.Format(limit)}";
        var why = $"Running for {HumanDuration.Format(runSoFar.Duration)}, longer than {limitReason}. It goes on; " +
            "look at the run to see which step is slow.";
        return Draft([], headline, runSoFar with { Reason = why }, current, runSoFar.Duration, "Running for", NotOk(runSoFar),
            portalBaseUrl);
    }

    private static MailMessageDraft Draft(IReadOnlyList<string> to, string headline, RunReport run, string? step, TimeSpan duration,
        string durationLabel, IReadOnlyList<CheckReport> notOk, string portalBaseUrl)
    {
        var link = $"{portalBaseUrl.Trim().TrimEnd('/')}/runs/{run.RunId}";
        var facts = new List<(string Label, string Value)>
        {
            ("Scenario", run.ScenarioName),
            ("Score", run.ScoreName ?? "—"),
        };
        if (step is not null)
        {
            facts.Add(("Step", step));
        }

        if (!string.IsNullOrWhiteSpace(run.Reason))
        {
            facts.Add(("Why", run.Reason));
        }

        facts.Add((durationLabel, HumanDuration.Format(duration)));
        facts.Add(("Trigger", run.Trigger));
        facts.Add(("Started", AlertBody.Time(run.StartedAt)));
        var body = new AlertBody(headline, facts, run.Steps, notOk, link);
        return new MailMessageDraft(to, $"[ScoreCockpit] {headline}", body.Text(), body.Html());
    }

    private static List<CheckReport> NotOk(RunReport run) =>
        run.Checks.Where(c => !Is(c.Status, RunStatuses.CheckOk)).OrderBy(c => Severity(c.Status)).ToList();

    // Errors first: the reader sees the worst line at the top.
    private static int Severity(string status) => Is(status, RunStatuses.CheckError) ? 0 : 1;

    private static bool Is(string status, string expected) => string.Equals(status, expected, StringComparison.OrdinalIgnoreCase);
}
