using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Registry;

/// <summary>What changed in a score's input schema between two versions.</summary>
public sealed record SchemaDiff(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<(string Column, ColumnKind Before, ColumnKind After)> TypeChanged)
{
    public static SchemaDiff None { get; } = new([], [], []);

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && TypeChanged.Count == 0;

    /// <summary>Compares two schemas (column → kind); column names match case-insensitively.</summary>
    public static SchemaDiff Compare(IReadOnlyDictionary<string, ColumnKind> before, IReadOnlyDictionary<string, ColumnKind> after)
    {
        var old = new Dictionary<string, ColumnKind>(before, StringComparer.OrdinalIgnoreCase);
        var now = new Dictionary<string, ColumnKind>(after, StringComparer.OrdinalIgnoreCase);
        return new SchemaDiff(
            now.Keys.Where(c => !old.ContainsKey(c)).Order(StringComparer.Ordinal).ToList(),
            old.Keys.Where(c => !now.ContainsKey(c)).Order(StringComparer.Ordinal).ToList(),
            now.Where(c => old.TryGetValue(c.Key, out var kind) && kind != c.Value)
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => (c.Key, old[c.Key], c.Value)).ToList());
    }

    public override string ToString() => IsEmpty
        ? "no change"
        : string.Join("; ", new[]
        {
            Added.Count > 0 ? $"added {string.Join(", ", Added)}" : null,
            Removed.Count > 0 ? $"removed {string.Join(", ", Removed)}" : null,
            TypeChanged.Count > 0 ? $"changed {string.Join(", ", TypeChanged.Select(t => $"{t.Column} {t.Before}→{t.After}"))}" : null,
        }.Where(part => part is not null));
}
