using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>The score's decided column kinds after looking at its snapshots, and what changed in words.</summary>
public sealed record DecidedKinds(IReadOnlyDictionary<string, ColumnKind> Kinds, IReadOnlyList<string> Changes);

/// <summary>
/// Decides a column's kind once per score, from its first snapshots, instead of guessing it again for every snapshot:
/// a count that holds only 0 and 1 in a quiet month stays numeric, so versions do not treat the same column
/// differently and no spurious schema change is recorded. A decided kind changes only on a real type change
/// (text where numbers were, a date where text was). Pure.
/// </summary>
public static class ColumnKindDecision
{
    /// <summary>How many of the first snapshots holding a column decide its kind.</summary>
    public const int FirstSnapshots = 3;

    /// <param name="decided">The kinds decided so far (the definition's).</param>
    /// <param name="snapshots">The score's snapshots, any order.</param>
    /// <param name="current">The columns to decide: the profile of the snapshot being used now.</param>
    public static DecidedKinds Decide(IReadOnlyDictionary<string, ColumnKind> decided, IReadOnlyList<Snapshot> snapshots, IReadOnlyList<ColumnProfile> current)
    {
        var kinds = new Dictionary<string, ColumnKind>(decided, StringComparer.OrdinalIgnoreCase);
        var changes = new List<string>();
        var ordered = snapshots.OrderBy(s => s.ReferenceDate).ToList();
        foreach (var column in current)
        {
            if (kinds.TryGetValue(column.Name, out var kind))
            {
                if (Family(kind) is { } was && Family(column.InferredKind) is { } now && was != now)
                {
                    kinds[column.Name] = column.InferredKind;
                    changes.Add($"{column.Name}: {kind} → {column.InferredKind} ({column.DatabaseType} where {was} values were)");
                }

                continue;
            }

            var first = ordered.Select(s => s.Columns.FirstOrDefault(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase)))
                .OfType<ColumnProfile>().Take(FirstSnapshots).Select(c => c.InferredKind).ToList();
            var chosen = Combine(first.Count > 0 ? first : [column.InferredKind]);
            kinds[column.Name] = chosen;
            changes.Add($"{column.Name}: {chosen}");
        }

        return new DecidedKinds(kinds, changes);
    }

    /// <summary>
    /// What several guesses of one column agree on: a column guessed numeric once is a number that happened to hold
    /// only 0 and 1 elsewhere, and text guessed categorical once is not an identifier.
    /// </summary>
    internal static ColumnKind Combine(IReadOnlyList<ColumnKind> guesses) =>
        guesses.Distinct().Count() == 1 ? guesses[0]
        : guesses.Contains(ColumnKind.Categorical) ? ColumnKind.Categorical
        : guesses.Contains(ColumnKind.Numeric) ? ColumnKind.Numeric
        : guesses.Contains(ColumnKind.Boolean) ? ColumnKind.Boolean
        : guesses[^1];

    /// <summary>The kind of values a kind holds; an identifier can be either numbers or text, so it never signals a change.</summary>
    private static string? Family(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric or ColumnKind.Boolean => "number",
        ColumnKind.Categorical => "text",
        ColumnKind.Date => "date",
        _ => null,
    };
}
