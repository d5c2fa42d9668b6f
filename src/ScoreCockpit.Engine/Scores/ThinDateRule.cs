namespace ScoreCockpit.Engine.Scores;

/// <summary>
/// How many rows and positives a reference date needs for its figures to count. A thinner date is still evaluated
/// and shown (hollow), but never validates a training, judges health, enters a median or drives an activation:
/// with 10 rows and 1 positive an AUC of 0.78 is noise. Below 10 positives a DeLong 95 % interval is typically
/// wider than ±0.15; 50 rows keeps small segments (a renewal population of a few dozen a month) counted.
/// </summary>
public sealed record ThinDateRule
{
    public const int DefaultMinimumRows = 50;
    public const int DefaultMinimumPositives = 10;

    public int MinimumRows { get; init; } = DefaultMinimumRows;
    public int MinimumPositives { get; init; } = DefaultMinimumPositives;

    public bool IsThin(long rows, long? positives) => rows < MinimumRows || (positives ?? 0) < MinimumPositives;

    public string Describe(long rows, long? positives) =>
        $"{rows} rows and {positives ?? 0} positives, below the score's minimum of {MinimumRows} rows and {MinimumPositives} positives";

    public IEnumerable<string> Problems()
    {
        if (MinimumRows < 0)
        {
            yield return $"thinDates.minimumRows must be 0 or more, not {MinimumRows}: it is the fewest rows a date needs for its figures to count (default {DefaultMinimumRows}).";
        }

        if (MinimumPositives < 0)
        {
            yield return $"thinDates.minimumPositives must be 0 or more, not {MinimumPositives}: it is the fewest positives a date needs for its figures to count (default {DefaultMinimumPositives}).";
        }
    }
}
