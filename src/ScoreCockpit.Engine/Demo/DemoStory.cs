namespace ScoreCockpit.Engine.Demo;

/// <summary>
/// The events built into the demo so that monitoring has something to show. Months count reference
/// dates: month 1 is the first, <see cref="DemoOptions.Months"/> the last. An event whose month is past
/// the last reference date does not happen.
/// </summary>
public static class DemoStory
{
    /// <summary>From this month a competitor's fibre-and-mobile offer changes what drives churn.</summary>
    public const int DriftMonth = 14;

    /// <summary>From this month the monthly extracts carry <see cref="NewColumn"/>.</summary>
    public const int NewColumnMonth = 18;

    public const string NewColumn = "fiber_eligible";

    /// <summary>This month's extract lost about <see cref="IncidentLoss"/> of its rows (the customers are still there).</summary>
    public const int IncidentMonth = 21;

    public const double IncidentLoss = 0.30;

    /// <summary>From this month the monthly extracts no longer carry <see cref="DroppedColumn"/>.</summary>
    public const int DroppedColumnMonth = 24;

    public const string DroppedColumn = "sms_count";

    /// <summary>The monthly extract of one month: `usage_YYYYMM`.</summary>
    public static string UsageTable(DateOnly monthEnd) => $"usage_{(monthEnd.Year * 100) + monthEnd.Month}";

    public const string CustomersTable = "customers";
    public const string EventsTable = "events";

    /// <summary>Written last by a build: its presence means every other demo table is complete.</summary>
    public const string InfoTable = "demo_info";
}
