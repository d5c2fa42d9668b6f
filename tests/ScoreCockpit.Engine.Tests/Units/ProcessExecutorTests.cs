using System.Globalization;
using Microsoft.Data.Sqlite;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Tests.Cli;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Units;

/// <summary>
/// Units in child processes (`scorecockpit unit run …`, two at a time) store exactly what the same work stores in
/// one process: a backfill (trainings one after the other, evaluations by date side by side), then evaluate-all.
/// Two copies of one small demo; the command line runs on the machine's clock, so its dates come from that clock.
/// </summary>
public sealed class ProcessExecutorTests : IDisposable
{
    private readonly CliSandbox _inProcess = new();
    private readonly CliSandbox _processes = new();
    private static readonly Settings.CockpitClock Clock = new(TimeProvider.System, Settings.CockpitTimeZone.Default);
    private readonly DemoOptions _demo = DemoOptions.ForToday(Clock) with { Months = Months };

    /// <summary>A year of months: a dozen labelled dates, so a dozen evaluation units, each a process of its own.</summary>
    private const int Months = 12;

    [Fact]
    public async Task Backfill_and_evaluate_all_in_two_child_processes_store_exactly_what_in_process_stores()
    {
        var init = await _inProcess.RunAsync("", "init", "--demo", "--customers", "600", "--no-history", "--months", "12");
        Assert.Equal(0, init.ExitCode);
        FolderCopy.Copy(_inProcess.DataPath, _processes.DataPath);
        // Three monthly retrains late in the demo: enough labelled months for each, and a challenger on renewal-like scores.
        var (from, to) = (_demo.ReferenceDate(8).AddDays(1), _demo.ReferenceDate(10).AddDays(1));
        string[] backfill = ["backfill", "churn", "--from", Iso(from), "--to", Iso(to)];

        var here = await _inProcess.RunAsync("", backfill);
        var there = await _processes.RunAsync("", [.. backfill, "--executor", "process", "--workers", "2"]);

        Assert.True(here.ExitCode == 0, here.Error);
        Assert.True(there.ExitCode == 0, there.Error);
        Assert.Equal(Summary(here.Output), Summary(there.Output));
        var versions = Rows(_inProcess, VersionsSql);
        Assert.Equal(3, versions.Count(v => v[1] is null));
        Assert.Equal(versions, Rows(_processes, VersionsSql));
        var evaluations = Rows(_inProcess, EvaluationsSql);
        Assert.NotEmpty(evaluations);
        Assert.Equal(evaluations, Rows(_processes, EvaluationsSql));

        // Every unit left a record: trainings one by one, evaluations by date, all succeeded, by child processes.
        var units = Rows(_processes, "SELECT Kind, Status, Executor, Place FROM unit_runs ORDER BY Id");
        Assert.Contains(units, u => (string)u[0]! == "train");
        Assert.Contains(units, u => (string)u[0]! == "evaluate");
        Assert.All(units, u => Assert.Equal(("Succeeded", "process"), ((string)u[1]!, (string)u[2]!)));
        Assert.All(units, u => Assert.StartsWith("process ", (string)u[3]!, StringComparison.Ordinal));

        // Evaluate-all again from scratch, each way: the same figures to the last bit.
        here = await _inProcess.RunAsync("", "evaluate", "churn", "--recompute");
        there = await _processes.RunAsync("", "evaluate", "churn", "--recompute", "--executor", "process", "--workers", "2");
        Assert.True(there.ExitCode == 0, there.Error);
        Assert.Contains("unit(s) on process, 2 worker(s)", there.Output, StringComparison.Ordinal);
        Assert.Equal(Rows(_inProcess, EvaluationsSql), Rows(_processes, EvaluationsSql));
    }

    [Fact]
    public async Task A_unit_run_twice_leaves_the_store_as_running_it_once()
    {
        var init = await _inProcess.RunAsync("", "init", "--demo", "--customers", "600", "--no-history", "--months", "12");
        Assert.Equal(0, init.ExitCode);
        var asOf = Iso(_demo.ReferenceDate(8).AddDays(1));

        var first = await _inProcess.RunAsync("", "unit", "run", "train", "--score", "churn", "--date", asOf);
        var second = await _inProcess.RunAsync("", "unit", "run", "train", "--score", "churn", "--date", asOf);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Matches("""^\{"unit":"train","score":"churn","status":"Succeeded","message":"Version 1 trained on""", first.Output);
        Assert.Contains("\"outputs\":{\"version\":1,\"reused\":false", first.Output, StringComparison.Ordinal);
        Assert.Contains("already has version 1 trained as of", second.Output, StringComparison.Ordinal);
        Assert.Contains("\"reused\":true", second.Output, StringComparison.Ordinal);
        Assert.Single(Rows(_inProcess, VersionsSql), v => v[1] is null);

        // Evaluating twice: the second finds every pair stored and computes none.
        var evaluated = await _inProcess.RunAsync("", "unit", "run", "evaluate", "--score", "churn");
        var again = await _inProcess.RunAsync("", "unit", "run", "evaluate", "--score", "churn");
        Assert.Contains("\"already\":0", evaluated.Output, StringComparison.Ordinal);
        Assert.Contains("\"evaluations\":0,", again.Output, StringComparison.Ordinal);
        var count = Rows(_inProcess, "SELECT COUNT(*) FROM evaluations")[0][0];
        Assert.Contains($"\"already\":{count}", again.Output, StringComparison.Ordinal);

        // A unit that cannot do its work says why on its result line and exits with 3; bad input exits with 2.
        var failed = await _inProcess.RunAsync("", "unit", "run", "build-snapshot", "--score", "churn", "--date", "1999-01-31");
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("\"status\":\"Failed\"", failed.Output, StringComparison.Ordinal);
        var unknown = await _inProcess.RunAsync("", "unit", "run", "retrain", "--score", "churn");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'retrain' is not a unit of work: use one of build-snapshot, refresh-labels, train, train-challengers, evaluate, score.",
            unknown.Error, StringComparison.Ordinal);
    }

    private const string VersionsSql = """
        SELECT v.Number, v.ChallengerName, v.AsOfDate, v.TrainingDatesJson, v.ValidationDate, v.ValidationAuc, v.TrainingRows, v.ArtifactSha256, v.PlanSha256
        FROM model_versions v ORDER BY v.Number
        """;

    /// <summary>Every stored figure of every evaluation; only when and how long it took may differ.</summary>
    private const string EvaluationsSql = """
        SELECT v.Number, e.EvaluationDate, e.Kind, e.InSample, e.Thin, e.Failure, e.WarningsJson, e.Rows, e.Positives, e.BaseRate, e.Auc, e.AucLower,
               e.AucUpper, e.Gini, e.Ks, e.Brier, e.LogLoss, e.FirstLiftLower, e.FirstLiftUpper, e.CutoffsJson, e.DecilesJson, e.UndefinedReason
        FROM evaluations e JOIN model_versions v ON v.Id = e.VersionId ORDER BY v.Number, e.EvaluationDate
        """;

    private static List<object?[]> Rows(CliSandbox sandbox, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(sandbox.DataPath, "cockpit.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The backfill's summary line without its duration.</summary>
    private static string Summary(string output) => output.Split('\n')[0][..output.Split('\n')[0].LastIndexOf(" (", StringComparison.Ordinal)];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _inProcess.Dispose();
        _processes.Dispose();
    }
}
