using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.PushDown;

/// <summary>Where one run executes, and why: shown in progress, stored on the run.</summary>
public sealed record ExecutionChoice(Execution Where, string Reason, bool ByAuto = false)
{
    public string Name => ExecutionNames.Of(Where);

    /// <summary>A past run's speed, for <see cref="Execution.Auto"/>.</summary>
    public sealed record Measured(Execution Where, long Rows, long DurationMs)
    {
        public double RowsPerSecond => Rows / Math.Max(DurationMs / 1000.0, 0.001);
    }

    /// <summary>
    /// The run's choice: a person's override for this run, else the score's setting, else its connection's, else
    /// <see cref="Execution.Auto"/>: the faster where both were measured on this score, else the warehouse kind's default.
    /// </summary>
    public static ExecutionChoice Choose(Execution? requested, Execution score, Execution connection, string connectionName, WarehouseKind kind,
        IReadOnlyList<Measured> history)
    {
        if (requested is { } asked and not Execution.Auto)
        {
            return new(asked, "asked for this run");
        }

        if (score != Execution.Auto)
        {
            return new(score, "the score's setting");
        }

        if (connection != Execution.Auto)
        {
            return new(connection, $"the setting of the connection '{connectionName}'");
        }

        var inProcess = history.FirstOrDefault(h => h.Where == Execution.InProcess);
        var inWarehouse = history.FirstOrDefault(h => h.Where == Execution.InWarehouse);
        if (inProcess is not null && inWarehouse is not null)
        {
            var faster = inWarehouse.RowsPerSecond > inProcess.RowsPerSecond ? inWarehouse : inProcess;
            var slower = faster == inWarehouse ? inProcess : inWarehouse;
            return new(faster.Where, string.Create(CultureInfo.InvariantCulture,
                $"auto: {ExecutionNames.Of(faster.Where)} measured {faster.RowsPerSecond:N0} rows/s on this score's last run, {ExecutionNames.Of(slower.Where)} {slower.RowsPerSecond:N0}"), true);
        }

        return kind is WarehouseKind.Teradata or WarehouseKind.SqlServer
            ? new(Execution.InWarehouse, $"auto: {kind} scores the rows where they live, nothing measured yet to say otherwise", true)
            : new(Execution.InProcess, $"auto: the kernel is faster than {kind}'s SQL in the benchmarks, nothing measured yet on this score to say otherwise", true);
    }

    /// <summary>An in-warehouse choice that cannot run: in-process takes over when auto chose, else the run is refused.</summary>
    public ExecutionChoice FallBack(string why) => new(Execution.InProcess, $"{Reason}; in-process instead: {why}", ByAuto);
}

/// <summary>The settings' spelling of <see cref="Execution"/>: auto, in-process, in-warehouse.</summary>
public static class ExecutionNames
{
    public static string Of(Execution execution) => execution switch
    {
        Execution.InProcess => "in-process",
        Execution.InWarehouse => "in-warehouse",
        _ => "auto",
    };

    public static Execution Parse(string text, string what) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => Execution.Auto,
        "in-process" or "inprocess" => Execution.InProcess,
        "in-warehouse" or "inwarehouse" => Execution.InWarehouse,
        _ => throw new CockpitValidationException($"'{text}' is not an execution for {what}: use auto, in-process or in-warehouse."),
    };
}
