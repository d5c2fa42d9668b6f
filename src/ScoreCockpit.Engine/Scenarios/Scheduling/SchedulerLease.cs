namespace ScoreCockpit.Engine.Scenarios.Scheduling;

/// <summary>
/// The scheduler's leader lease, one row in the cockpit store: of all the schedulers on one store (portal replicas,
/// headless schedulers), only the holder fires due times, until it stops renewing. <see cref="RenewedAt"/> is the
/// scheduler's heartbeat.
/// </summary>
public sealed class SchedulerLease
{
    public const string ScenarioLease = "scenarios";

    public required string Name { get; set; }

    /// <summary>host:process of the leader.</summary>
    public required string Holder { get; set; }

    public DateTime AcquiredAt { get; set; }
    public DateTime RenewedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
