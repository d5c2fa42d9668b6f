using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

/// <summary>Training versions of the demo's churn score as of several dates, across its schema changes.</summary>
public sealed class TrainVersionTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Monthly_versions_never_read_unlabelled_snapshots_and_record_the_schema_changes()
    {
        await using var store = await TestStore.WithDemoAsync(2_000, postgres);
        var train = store.Get<TrainVersionHandler>();
        // The demo ends on 2026-02-28 (the store's clock starts on 2026-03-14): month 18 is 2025-02-28, month 24 is 2025-08-31.
        DateOnly[] asOf = [new(2025, 2, 28), new(2025, 8, 31), new(2026, 2, 28)];

        var versions = new List<ModelVersion>();
        foreach (var date in asOf)
        {
            versions.Add((await train.HandleAsync(new TrainVersion("churn", date), Ana, Ct)).Version);
        }

        foreach (var version in versions)
        {
            var dates = JsonSerializer.Deserialize<List<DateOnly>>(version.TrainingDatesJson)!;
            Assert.InRange(dates.Count, 1, LabelCalendar.DefaultWindow);
            Assert.All(dates.Append(version.ValidationDate!.Value), d => Assert.True(
                LabelCalendar.IsLabelled(d, 2, version.AsOfDate), $"{d} was not labelled on {version.AsOfDate}"));
            Assert.InRange(version.ValidationAuc!.Value, 0.6, 0.99);
        }

        Assert.Equal([1, 2, 3], versions.Select(v => v.Number));
        var features = versions.Select(v => JsonSerializer.Deserialize<List<string>>(v.FeaturesJson)!).ToList();
        Assert.DoesNotContain("fiber_eligible", features[0]);
        Assert.Contains("fiber_eligible", features[1]);
        Assert.Contains("sms_count", features[1]);
        Assert.DoesNotContain("sms_count", features[2]);
        Assert.Contains("\"added\":[\"fiber_eligible\"]", versions[1].SchemaDiffJson.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"removed\":[\"sms_count\"]", versions[2].SchemaDiffJson.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        await using var db = await store.OpenAsync();
        Assert.Empty(await db.Activations.ToListAsync(Ct));
    }

    [Fact]
    public async Task Training_again_on_the_same_data_registers_nothing_and_names_the_version_it_would_repeat()
    {
        await using var store = await TestStore.WithDemoAsync(2_000, postgres);
        var train = store.Get<TrainVersionHandler>();
        var asOf = new DateOnly(2025, 6, 30);

        var first = await train.HandleAsync(new TrainVersion("cross-sell", asOf), Ana, Ct);
        // Two weeks later no snapshot is newly labelled (month-end snapshots): known before training, nothing is read.
        store.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await train.HandleAsync(new TrainVersion("cross-sell", asOf.AddDays(14)), Ana, Ct);

        Assert.True(first.IsNew);
        Assert.Null(first.Note);
        Assert.False(again.IsNew);
        Assert.Equal(first.Version.Id, again.Version.Id);
        Assert.Equal("no new data: same as v1", again.Note);

        // A setting that cannot change this model (a row cap above its rows) makes it train; the same bytes come out,
        // so the safety net after training still registers nothing.
        var definition = (await store.Get<GetScoreHandler>().HandleAsync("cross-sell", Ct)).Definition;
        store.Time.Advance(TimeSpan.FromMinutes(1));
        await store.Get<UpdateScoreHandler>().HandleAsync(new UpdateScore("cross-sell", definition with { MaxTrainingRows = 1_000_000 }), Ana, Ct);
        store.Time.Advance(TimeSpan.FromMinutes(1));
        var retrained = await train.HandleAsync(new TrainVersion("cross-sell", asOf), Ana, Ct);

        Assert.False(retrained.IsNew);
        Assert.Equal("no new data: same as v1", retrained.Note);
        await using (var db = await store.OpenAsync())
        {
            Assert.Equal(1, await db.ModelVersions.CountAsync(Ct));
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == Engine.Audit.AuditActions.VersionTrained, Ct));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(
            () => train.HandleAsync(new TrainVersion("churn", asOf), Actor.Of("vic@example.com", Roles.Viewer), Ct));
    }
}
