using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>
/// `evaluate` and `backfill` as an analyst scripts them, on a small demo without its history. The command line runs on
/// the machine's clock (its demo ends at the last month-end before today), so every date here is derived from that
/// same clock rather than from a test store's fake one.
/// </summary>
public sealed class EvaluateAndBackfillCommandTests : IDisposable
{
    private const int HorizonMonths = 2;

    private readonly CliSandbox _cli = new();
    private static readonly ScoreCockpit.Engine.Settings.CockpitClock Clock = new(TimeProvider.System, ScoreCockpit.Engine.Settings.CockpitTimeZone.Default);
    private readonly DemoOptions _demo = DemoOptions.ForToday(Clock);
    private readonly DateOnly _today = Clock.Today;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Evaluate_stores_every_version_on_every_labelled_date_once_and_refuses_dates_it_cannot_use()
    {
        await InitAsync();
        // The first of the month after a month-end: the labels of the month-end two before it are known by then.
        var (first, second) = (_demo.ReferenceDate(20).AddDays(1), _demo.ReferenceDate(26).AddDays(1));
        foreach (var asOf in new[] { first, second })
        {
            var trained = await _cli.RunAsync("", "train", "churn", "--as-of", Iso(asOf));
            Assert.Equal(0, trained.ExitCode);
        }

        // The score's challengers, if it has any, are versions too: evaluated like the others.
        var versions = await VersionsAsync();
        var own = versions.Where(v => v.ChallengerName is null).OrderBy(v => v.Number).ToList();
        Assert.Equal([first, second], own.Select(v => v.AsOfDate));
        var labelled = LabelCalendar.Labelled(_demo.ReferenceDates(), HorizonMonths, _today);
        var expected = versions.Count * labelled.Count;
        var evaluated = await _cli.RunAsync("", "evaluate", "churn");

        Assert.Equal(0, evaluated.ExitCode);
        Assert.Contains(
            $"Evaluated churn: {expected} new evaluation(s) over {labelled.Count} labelled date(s), 0 failed, 0 already stored (",
            evaluated.Output, StringComparison.Ordinal);
        Assert.Contains($"On {Iso(labelled[^1])}:", evaluated.Output, StringComparison.Ordinal);
        Assert.Matches(@"VERSION\s+AS OF\s+AUC\s+95 % CI\s+LIFT@10\s+NOTE", evaluated.Output);
        // Both versions learnt from dates before the latest labelled one: out of time there, so never "in-sample" (a column
        // the demo dropped since may add "warnings").
        Assert.Matches($@"v{own[0].Number}\s+{Iso(first)}\s+0\.\d{{3}}\s+0\.\d{{3}}–0\.\d{{3}}\s+\d+\.\d{{2}}( +warnings)?\r?\n", evaluated.Output);
        Assert.Matches($@"v{own[1].Number}\s+{Iso(second)}\s+0\.\d{{3}}\s+0\.\d{{3}}–0\.\d{{3}}\s+\d+\.\d{{2}}( +warnings)?\r?\n", evaluated.Output);

        var stored = await StoredAsync(db => db.Evaluations.AsNoTracking()
            .Join(db.ModelVersions, e => e.VersionId, v => v.Id, (e, v) => new { v.Number, e.EvaluationDate, e.Failure, e.Auc })
            .ToListAsync(Ct));
        Assert.Equal(expected, stored.Count);
        Assert.All(versions, v => Assert.Equal(labelled, stored.Where(e => e.Number == v.Number).Select(e => e.EvaluationDate).Order()));
        Assert.All(stored, e => Assert.Null(e.Failure));
        Assert.All(stored, e => Assert.NotNull(e.Auc));

        var again = await _cli.RunAsync("", "evaluate", "churn");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"Evaluated churn: 0 new evaluation(s) over {labelled.Count} labelled date(s), 0 failed, {expected} already stored (",
            again.Output, StringComparison.Ordinal);
        Assert.Equal(stored.Count, await StoredAsync(db => db.Evaluations.CountAsync(Ct)));

        // The demo's last month-end: its churn is known only two month-ends later, after today.
        var unlabelled = await _cli.RunAsync("", "evaluate", "churn", "--date", Iso(_demo.LastReferenceDate));
        Assert.Equal(2, unlabelled.ExitCode);
        Assert.Contains(
            $"The labels of {Iso(_demo.LastReferenceDate)} are known only from {Iso(BuiltInVariables.EndOfMonthAfter(_demo.LastReferenceDate, HorizonMonths))}",
            unlabelled.Error, StringComparison.Ordinal);
        Assert.Equal("", unlabelled.Output);

        var before = _demo.ReferenceDate(0);
        var missing = await _cli.RunAsync("", "evaluate", "churn", "--date", Iso(before));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"error: The score 'churn' has no snapshot for {Iso(before)}: build it first, then evaluate.", missing.Error.Trim());

        var unknown = await _cli.RunAsync("", "evaluate", "nosuchscore");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: There is no score named 'nosuchscore'.", unknown.Error.Trim());

        Assert.Equal(stored.Count, await StoredAsync(db => db.Evaluations.CountAsync(Ct)));
    }

    [Fact]
    public async Task Evaluate_with_a_date_recomputes_that_date_only_when_asked()
    {
        await InitAsync();
        var trained = await _cli.RunAsync("", "train", "churn", "--as-of", Iso(_demo.ReferenceDate(24).AddDays(1)));
        Assert.Equal(0, trained.ExitCode);
        var versions = (await VersionsAsync()).Count;
        var date = _demo.ReferenceDate(25);

        var once = await _cli.RunAsync("", "evaluate", "churn", "--date", Iso(date));
        var twice = await _cli.RunAsync("", "evaluate", "churn", "--date", Iso(date));
        var recomputed = await _cli.RunAsync("", "evaluate", "churn", "--date", Iso(date), "--recompute");

        Assert.Contains($"Evaluated churn: {versions} new evaluation(s) over 1 labelled date(s), 0 failed, 0 already stored (", once.Output, StringComparison.Ordinal);
        Assert.Contains($"On {Iso(date)}:", once.Output, StringComparison.Ordinal);
        Assert.Contains($"Evaluated churn: 0 new evaluation(s) over 1 labelled date(s), 0 failed, {versions} already stored (", twice.Output, StringComparison.Ordinal);
        Assert.Contains($"Evaluated churn: {versions} new evaluation(s) over 1 labelled date(s), 0 failed, 0 already stored (", recomputed.Output, StringComparison.Ordinal);
        var dates = await StoredAsync(db => db.Evaluations.AsNoTracking().Select(e => e.EvaluationDate).ToListAsync(Ct));
        Assert.Equal(versions, dates.Count);
        Assert.All(dates, d => Assert.Equal(date, d));
    }

    [Fact]
    public async Task Backfill_trains_one_version_per_month_once_skips_the_too_early_months_and_replays_activations_only_when_asked()
    {
        await InitAsync();
        // As of the first of a month, the month-ends up to three months before are labelled (horizon 2): from the 2nd
        // reference date + 1 day nothing is labelled, from the 3rd one date (too early both); the 4th and 5th train.
        var (from, to) = (_demo.ReferenceDate(2).AddDays(1), _demo.ReferenceDate(5).AddDays(1));

        var backfill = await _cli.RunAsync("", "backfill", "churn", "--from", Iso(from), "--to", Iso(to));

        Assert.Equal(0, backfill.ExitCode);
        Assert.Matches(@"^Backfilled churn: 2 version\(s\) and \d+ challenger\(s\) trained, 0 date\(s\) already had one, 0 with no new data, " +
            @"2 too early \(fewer than two labelled snapshots\), [1-9]\d* evaluation\(s\), 0 activation\(s\) replayed \([0-9.]+ s\)\.", backfill.Output);
        Assert.Contains($"[0/4] churn as of {Iso(from)}", backfill.Error, StringComparison.Ordinal);
        Assert.Contains("[4/4] churn: evaluating every version", backfill.Error, StringComparison.Ordinal);
        var versions = await StoredAsync(db => db.ModelVersions.AsNoTracking().Where(v => v.ChallengerName == null)
            .Select(v => v.AsOfDate).ToListAsync(Ct));
        Assert.Equal([from.AddMonths(2), from.AddMonths(3)], versions.Order());
        Assert.Equal(0, await StoredAsync(db => db.Activations.CountAsync(Ct)));
        var evaluations = await StoredAsync(db => db.Evaluations.CountAsync(Ct));

        var again = await _cli.RunAsync("", "backfill", "churn", "--from", Iso(from), "--to", Iso(to));
        Assert.Equal(0, again.ExitCode);
        Assert.Matches(@"^Backfilled churn: 0 version\(s\) and 0 challenger\(s\) trained, 2 date\(s\) already had one, 0 with no new data, " +
            @"2 too early \(fewer than two labelled snapshots\), 0 evaluation\(s\), 0 activation\(s\) replayed", again.Output);
        Assert.Equal(evaluations, await StoredAsync(db => db.Evaluations.CountAsync(Ct)));

        var backwards = await _cli.RunAsync("", "backfill", "churn", "--from", Iso(to), "--to", Iso(from));
        Assert.Equal(2, backwards.ExitCode);
        Assert.Contains($"{Iso(to)} to {Iso(from)} is not possible", backwards.Error, StringComparison.Ordinal);
        var future = await _cli.RunAsync("", "backfill", "churn", "--from", Iso(from), "--to", Iso(_today.AddMonths(1)));
        Assert.Equal(2, future.ExitCode);
        Assert.Contains($"not after today ({Iso(_today)})", future.Error, StringComparison.Ordinal);

        var replayed = await _cli.RunAsync("", "backfill", "churn", "--from", Iso(from), "--to", Iso(to), "--replay-activations", "demo history");
        Assert.Equal(0, replayed.ExitCode);
        Assert.Matches(@"0 version\(s\) and 0 challenger\(s\) trained, .* [1-9]\d* activation\(s\) replayed", replayed.Output);
        var activations = await StoredAsync(db => db.Activations.AsNoTracking().ToListAsync(Ct));
        Assert.NotEmpty(activations);
        Assert.All(activations, a => Assert.StartsWith("demo history: ", a.Comment, StringComparison.Ordinal));
        // The first one is the version of the first month that could train, the morning after its as-of date.
        var firstActivation = activations.OrderBy(a => a.ActivatedAt).First();
        Assert.StartsWith("demo history: First version in production", firstActivation.Comment, StringComparison.Ordinal);
        Assert.Equal(from.AddMonths(2).AddDays(1).ToDateTime(new TimeOnly(9, 0)), firstActivation.ActivatedAt);
    }

    [Fact]
    public async Task Snapshots_list_says_per_date_when_its_labels_are_final_and_whether_they_are_yet()
    {
        await InitAsync();

        var listed = await _cli.RunAsync("", "snapshots", "list", "churn", "--json");

        Assert.Equal(0, listed.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(listed.Output);
        var dates = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(_demo.ReferenceDates().Count, dates.Count);
        foreach (var entry in dates)
        {
            var date = DateOnly.Parse(entry.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var finalOn = ScoreCockpit.Engine.Variables.BuiltInVariables.EndOfMonthAfter(date, HorizonMonths);
            var builtOn = DateOnly.FromDateTime(DateTime.Parse(entry.GetProperty("built_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal));
            Assert.Equal(Iso(finalOn), entry.GetProperty("labels_final_on").GetString());
            // Built today (give or take the zone's hours): final exactly when the final day had come.
            Assert.Equal(finalOn <= _today ? "final" : "pending", entry.GetProperty("labels").GetString());
            Assert.InRange(builtOn, _today.AddDays(-1), _today.AddDays(1));
            Assert.True(entry.GetProperty("rows").GetInt64() > 0);
            Assert.True(entry.GetProperty("positives").GetInt64() >= 0);
        }

        // The last month-ends of the demo are read before their horizon is over.
        Assert.Equal("pending", dates[0].GetProperty("labels").GetString());
        Assert.Equal("final", dates[^1].GetProperty("labels").GetString());
        var table = await _cli.RunAsync("", "snapshots", "list", "churn");
        Assert.Contains("pending", table.Output, StringComparison.Ordinal);
        Assert.Contains(Iso(ScoreCockpit.Engine.Variables.BuiltInVariables.EndOfMonthAfter(_demo.LastReferenceDate, HorizonMonths)), table.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    private async Task InitAsync()
    {
        var init = await _cli.RunAsync("", "init", "--demo", "--customers", "1000", "--no-history");
        Assert.Equal(0, init.ExitCode);
    }

    private Task<List<ModelVersion>> VersionsAsync() => StoredAsync(db => db.ModelVersions.AsNoTracking().ToListAsync(Ct));

    /// <summary>Reads the sandbox's SQLite store directly, then releases the file so the sandbox can be deleted.</summary>
    private async Task<T> StoredAsync<T>(Func<CockpitDbContext, Task<T>> query)
    {
        var store = StoreSettings.Resolve(null, null, new DataFolder(_cli.DataPath));
        T result;
        await using (var db = StoreOptions.CreateContext(store))
        {
            result = await query(db);
        }

        using var connection = new SqliteConnection(store.ConnectionString);
        SqliteConnection.ClearPool(connection);
        return result;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
