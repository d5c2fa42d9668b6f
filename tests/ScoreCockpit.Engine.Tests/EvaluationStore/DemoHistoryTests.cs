using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.EvaluationStore;

/// <summary>The demo's history as a first start builds it, on a small demo: complete, leak-free, replayed, and telling its story.</summary>
public sealed class DemoHistoryTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_history_evaluates_every_version_on_every_labelled_date_and_shows_the_month_14_drift()
    {
        await using var store = await TestStore.WithDemoAsync(1_500, postgres);
        await store.Get<DemoHistory>().BuildAsync(ct: Ct);

        await using var db = await store.OpenAsync();
        var options = DemoOptions.ForToday(store.Get<ScoreCockpit.Engine.Settings.CockpitClock>());
        var today = DateOnly.FromDateTime(store.Time.GetLocalNow().DateTime);
        var scores = await db.Scores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, Ct);
        var versions = await db.ModelVersions.AsNoTracking().ToListAsync(Ct);
        var evaluations = await db.Evaluations.AsNoTracking().ToListAsync(Ct);
        foreach (var score in DemoScores.All)
        {
            var id = scores.Single(s => s.Value == score.Name).Key;
            var labelled = LabelCalendar.Labelled(options.ReferenceDates(), score.HorizonMonths, today);
            var mine = versions.Where(v => v.ScoreId == id).ToList();
            Assert.True(mine.Count >= 20, $"{score.Name} has {mine.Count} versions");
            Assert.Equal(mine.Count * labelled.Count, evaluations.Count(e => e.ScoreId == id));
            Assert.All(mine, v => Assert.Equal(labelled.Count, evaluations.Where(e => e.VersionId == v.Id).Select(e => e.EvaluationDate).Distinct().Count()));
            foreach (var version in mine)
            {
                // The leakage rule: nothing a version read had unknown labels on its as-of date.
                var read = JsonSerializer.Deserialize<List<DateOnly>>(version.TrainingDatesJson)!.Append(version.ValidationDate!.Value);
                Assert.All(read, d => Assert.True(LabelCalendar.IsLabelled(d, score.HorizonMonths, version.AsOfDate), $"{score.Name} v{version.Number} read {d}"));
            }
        }

        // Challengers train on exactly the data of the version of their day.
        var renewalId = scores.Single(s => s.Value == "renewal").Key;
        var challengers = versions.Where(v => v.ScoreId == renewalId && v.ChallengerName == "logistic").ToList();
        Assert.NotEmpty(challengers);
        Assert.All(challengers, c => Assert.Equal(
            versions.Single(v => v.ScoreId == renewalId && v.ChallengerName == null && v.AsOfDate == c.AsOfDate).TrainingDatesJson, c.TrainingDatesJson));
        var churnId = scores.Single(s => s.Value == "churn").Key;

        // Month 14: versions trained before the drift lose ranking power on the dates after it.
        var drift = options.ReferenceDate(14);
        var before = versions.Where(v => v.ScoreId == churnId && v.ChallengerName == null && v.AsOfDate <= drift).Select(v => v.Id).ToHashSet();
        var outOfTime = evaluations.Where(e => before.Contains(e.VersionId) && !e.InSample && e.Auc is not null).ToList();
        var aucBefore = outOfTime.Where(e => e.EvaluationDate < drift).Average(e => e.Auc!.Value);
        var aucAfter = outOfTime.Where(e => e.EvaluationDate > drift.AddMonths(2)).Average(e => e.Auc!.Value);
        Assert.True(aucBefore - aucAfter > 0.05, $"AUC of pre-drift versions: {aucBefore:0.000} before month 14, {aucAfter:0.000} after");

        // Activations were replayed as the system, dated in the past, audited with the comment.
        var activations = await db.Activations.AsNoTracking().ToListAsync(Ct);
        Assert.All(DemoScores.All, s => Assert.Contains(activations, a => scores[a.ScoreId] == s.Name));
        Assert.All(activations, a => Assert.Equal(Actor.System.Name, a.ActivatedBy));
        Assert.All(activations, a => Assert.StartsWith(DemoHistory.ActivationComment + ": ", a.Comment, StringComparison.Ordinal));
        Assert.All(activations, a => Assert.True(a.ActivatedAt < store.Time.GetUtcNow().UtcDateTime));
        Assert.Equal(activations.Count, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.VersionActivated && e.Details!.Contains("demo history"), Ct));
        Assert.DoesNotContain(activations, a => versions.Single(v => v.Id == a.VersionId).ChallengerName is not null);

        // Every stored evaluation carries the kind the one rule gives, and the demo has back-tests that judge nothing.
        foreach (var version in versions)
        {
            var training = JsonSerializer.Deserialize<List<DateOnly>>(version.TrainingDatesJson)!;
            Assert.All(evaluations.Where(e => e.VersionId == version.Id),
                e => Assert.Equal(EvaluationKinds.Of(training, version.ValidationDate, e.EvaluationDate), e.Kind));
        }

        Assert.Contains(evaluations, e => e.Kind == EvaluationKind.BackTest);

        // Column kinds were decided once per score: no retrain records a kind flip of a column it kept (Boolean ↔ Numeric).
        Assert.All(versions, v => Assert.True(
            !JsonDocument.Parse(v.SchemaDiffJson).RootElement.TryGetProperty("changed", out var changed) || changed.GetArrayLength() == 0,
            $"v{v.Number} of score {v.ScoreId}: {v.SchemaDiffJson}"));
        Assert.All(await db.Scores.AsNoTracking().ToListAsync(Ct), s => Assert.NotEmpty(ScoreDefinitionJson.Read(s.DefinitionJson).DecidedKinds));

        // One verdict per demo score on every surface.
        await Portfolio.HealthAgreement.AssertSameEverywhereAsync(store);

        // Again: nothing new is trained or evaluated.
        var again = await store.Get<BackfillHandler>().HandleAsync(
            new Backfill("renewal", options.ReferenceDate(1).AddDays(1), today), Actor.System, ct: Ct);
        Assert.Equal((0, 0, 0), (again.Trained, again.Challengers, again.Evaluations));

        // Last, as it breaks a plan on purpose: every version's plan against ML.NET, in SQL and evaluated in the warehouse.
        await Modeling.Plans.DemoPlans.EveryVersionScoresAsMLNetDoesAndABrokenPlanFailsItsVersionAloneAsync(store, postgres);
    }
}
