namespace ScoreCockpit.Engine.Evaluation.Comparison;

/// <summary>
/// The last few comparisons, kept in memory: scoring a snapshot with several models takes seconds, and a person
/// flips between tabs and dates. Keyed by everything the result depends on, the active version included, so an
/// activation never shows a stale "versus active".
/// </summary>
internal sealed class ComparisonCache(int capacity = 16)
{
    private readonly LinkedList<(string Key, DateComparison Value)> _entries = new();
    private readonly Lock _gate = new();

    public static string Key(string score, DateOnly date, IEnumerable<int> versions, int? active) =>
        $"{score.ToUpperInvariant()}|{date:yyyy-MM-dd}|{string.Join(',', versions.Order())}|{active}";

    public DateComparison? Get(string key)
    {
        lock (_gate)
        {
            var node = _entries.First;
            while (node is not null && node.Value.Key != key)
            {
                node = node.Next;
            }

            if (node is null)
            {
                return null;
            }

            _entries.Remove(node);
            _entries.AddFirst(node);
            return node.Value.Value;
        }
    }

    public void Put(string key, DateComparison value)
    {
        lock (_gate)
        {
            // Two people asking at once both compute; the later answer replaces the earlier.
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _entries.Remove(node);
                    break;
                }
            }

            _entries.AddFirst((key, value));
            while (_entries.Count > capacity)
            {
                _entries.RemoveLast();
            }
        }
    }
}
