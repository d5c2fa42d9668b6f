namespace ScoreCockpit.Engine.PushDown;

/// <summary>Where a version scores and is evaluated: in this process by the compiled kernel, or inside the warehouse as SQL.</summary>
public enum Execution
{
    /// <summary>In-warehouse where it measured faster on the connection, else in-process; the choice is logged with its reason.</summary>
    Auto,

    /// <summary>Rows are read out and scored by the compiled kernel.</summary>
    InProcess,

    /// <summary>The plan runs as SQL where the rows live; only statements and summaries cross the network.</summary>
    InWarehouse,
}
