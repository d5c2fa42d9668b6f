namespace ScoreCockpit.Engine.Units;

/// <summary>What past runs of a unit say about the next one: how long it may take before it is stopped.</summary>
public interface IUnitHistory
{
    /// <summary>
    /// The deadline for <paramref name="unit"/>: a multiple of the longest recent successful run of the same kind on
    /// the same score, never below a floor; the floor alone when it never ran.
    /// </summary>
    Task<TimeSpan> DeadlineAsync(UnitOfWork unit, CancellationToken ct);
}
