using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Storage;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>
/// `evaluations SCORE --forward` on a small demo with short backfills, one of them replaying activations, so its dates
/// fall before any version, before any activation and after. The command line runs on the machine's clock: dates derive from it.
/// </summary>
public sealed class ForwardEvaluationsCommandTests : IDisposable
{
    private readonly CliSandbox _cli = new();
    private static readonly ScoreCockpit.Engine.Settings.CockpitClock Clock = new(TimeProvider.System, ScoreCockpit.Engine.Settings.CockpitTimeZone.Default);
    private readonly DemoOptions _demo = DemoOptions.ForToday(Clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_forward_figure_is_the_stored_forward_evaluation_of_the_version_in_production_that_day()
    {
        Assert.Equal(0, (await _cli.RunAsync("", "init", "--demo", "--customers", "1000", "--no-history")).ExitCode);
        // Two versions nobody activated, then two more whose activations are replayed: the months between the first
        // versions and the first activation are chosen by as-of date, those after it by the activation history.
        var unactivated = await _cli.RunAsync("", "backfill", "churn", "--from", Iso(_demo.ReferenceDate(4).AddDays(1)), "--to", Iso(_demo.ReferenceDate(5).AddDays(1)));
        Assert.Equal(0, unactivated.ExitCode);
        var replayed = await _cli.RunAsync("", "backfill", "churn", "--from", Iso(_demo.ReferenceDate(7).AddDays(1)), "--to", Iso(_demo.ReferenceDate(8).AddDays(1)),
            "--replay-activations", "demo history");
        Assert.Equal(0, replayed.ExitCode);

        var result = await _cli.RunAsync("", "evaluations", "churn", "--forward", "--json");

        Assert.Equal(0, result.ExitCode);
        var stored = await StoredAsync(db => db.Evaluations.AsNoTracking()
            .Join(db.ModelVersions, e => e.VersionId, v => v.Id, (e, v) => new { v.Number, v.ChallengerName, e.EvaluationDate, e.Kind, e.Auc, e.AucLower, e.AucUpper, e.Thin })
            .ToListAsync(Ct));
        var activations = await StoredAsync(db => db.Activations.CountAsync(Ct));
        using var json = JsonDocument.Parse(result.Output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(stored.Select(s => s.EvaluationDate).Distinct().Order().Select(Iso), rows.Select(r => r.GetProperty("date").GetString()));
        Assert.True(activations > 0);
        Assert.Contains(rows, r => r.GetProperty("chosen_by").GetString() == "active");
        Assert.Contains(rows, r => r.GetProperty("chosen_by").GetString() == "as_of");
        Assert.Contains(rows, r => r.GetProperty("auc").ValueKind == JsonValueKind.Number);
        foreach (var row in rows)
        {
            var date = DateOnly.Parse(row.GetProperty("date").GetString()!, CultureInfo.InvariantCulture);
            var onDate = stored.Where(s => s.EvaluationDate == date).ToList();
            var version = row.GetProperty("version").ValueKind == JsonValueKind.Number ? row.GetProperty("version").GetInt32() : (int?)null;
            var own = onDate.SingleOrDefault(s => s.Number == version);
            if (row.GetProperty("auc").ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(EvaluationKind.Forward, own!.Kind);
                Assert.Equal(own.Auc, row.GetProperty("auc").GetDouble());
                Assert.Equal(own.AucLower, row.GetProperty("auc_lower").GetDouble());
                Assert.Equal(own.AucUpper, row.GetProperty("auc_upper").GetDouble());
            }
            else
            {
                Assert.True(own is null || own.Kind != EvaluationKind.Forward || own.Auc is null, $"{date}: v{version} has a forward AUC");
                Assert.False(string.IsNullOrEmpty(row.GetProperty("note").GetString()));
            }

            if (row.GetProperty("best_other_version").ValueKind == JsonValueKind.Number)
            {
                var best = onDate.Single(s => s.Number == row.GetProperty("best_other_version").GetInt32());
                Assert.Equal(best.Auc, row.GetProperty("best_other_auc").GetDouble());
                Assert.Equal(best.Kind.Word(), row.GetProperty("best_other_kind").GetString());
                Assert.Equal(best.ChallengerName, row.GetProperty("best_other_challenger").GetString());
            }

            Assert.Equal(onDate.Any(s => s.Thin), row.GetProperty("thin").GetBoolean());
            Assert.True(row.TryGetProperty("lift_10", out _) && row.TryGetProperty("lift_10_lower", out _) && row.TryGetProperty("lift_10_upper", out _));
        }

        var text = await _cli.RunAsync("", "evaluations", "churn", "--forward");
        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"DATE\s+VERSION\s+CHOSEN BY\s+AUC \(95 % CI\)\s+LIFT 10 % \(95 % CI\)\s+BEST OTHER", text.Output);
        var both = await _cli.RunAsync("", "evaluations", "churn", "--forward", "--version", "1");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("leave out --version", both.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

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

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
