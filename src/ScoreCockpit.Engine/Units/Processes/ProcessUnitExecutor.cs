using System.Diagnostics;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units.Processes;

/// <summary>
/// Runs each unit as `scorecockpit unit run …` in a child process on this machine, against the same store and data
/// folder: its standard error streams into the log as it comes, its standard output carries the result line. A
/// child that dies without a result (killed, out of memory) is <see cref="UnitStatus.Interrupted"/>, so it is retried.
/// </summary>
public sealed class ProcessUnitExecutor(UnitCommand command, StoreSettings store, DataFolder data, CockpitTimeZone zone, RunLeaseSettings leases)
    : IUnitExecutor
{
    /// <summary>Lines of standard error kept for the message when a child fails without saying why.</summary>
    private const int Tail = 12;

    public string Name => "process";

    public async Task<UnitResult> RunAsync(UnitOfWork unit, Action<string> log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = StartInfo(unit) };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new CockpitSetupException($"Could not start {command.FileName} for the unit {unit.Describe()}: {e.Message}. Check {UnitSettings.CommandKey}.", e);
        }

        var output = new List<string>();
        var errors = new Queue<string>();
        var reading = Task.WhenAll(
            ReadAsync(process.StandardOutput, line => { lock (output) { output.Add(line); } if (!UnitResult.TryParse(line, out _)) { log(line); } }),
            ReadAsync(process.StandardError, line => { lock (errors) { errors.Enqueue(line); while (errors.Count > Tail) { errors.Dequeue(); } } log(line); }));
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await reading;
        var where = $"process {process.Id}";
        if (UnitResult.Find(output) is { } result)
        {
            return result with { Where = where };
        }

        var seconds = clock.Elapsed.TotalSeconds;
        // 128 + n: ended by signal n (SIGKILL from the OOM killer or a person): lost, not failed by its own doing.
        return process.ExitCode > 128
            ? UnitResult.Failed(unit, $"The unit's {where} was ended by signal {process.ExitCode - 128} before it finished.", seconds, UnitStatus.Interrupted) with { Where = where }
            : UnitResult.Failed(unit, $"The unit's {where} exited with code {process.ExitCode} without a result: {string.Join(" | ", errors)}", seconds) with { Where = where };
    }

    private ProcessStartInfo StartInfo(UnitOfWork unit)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments.Concat(unit.ToArguments()))
        {
            start.ArgumentList.Add(argument);
        }

        // The child reads what this process uses, whatever configured it here (a settings file, the command line).
        start.Environment["Store__Provider"] = store.Provider.ToString();
        start.Environment["Store__ConnectionString"] = store.ConnectionString;
        start.Environment[DataFolder.EnvironmentVariable] = data.Path;
        start.Environment[CockpitTimeZone.Setting.Replace(":", "__", StringComparison.Ordinal)] = zone.Zone.Id;
        start.Environment[RunLeaseSettings.RenewalKey.Replace(":", "__", StringComparison.Ordinal)] = Seconds(leases.Renewal);
        start.Environment[RunLeaseSettings.ExpiryKey.Replace(":", "__", StringComparison.Ordinal)] = Seconds(leases.Expiry);
        start.Environment[RunLeaseSettings.HostKey.Replace(":", "__", StringComparison.Ordinal)] = leases.Host;
        // A unit runs where it is started; it never dispatches further.
        start.Environment[UnitSettings.ExecutorKey.Replace(":", "__", StringComparison.Ordinal)] = "in-process";
        return start;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ReadAsync(StreamReader reader, Action<string> line)
    {
        while (await reader.ReadLineAsync() is { } text)
        {
            line(text);
        }
    }
}
