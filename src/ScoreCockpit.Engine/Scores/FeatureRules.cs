using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scores;

/// <summary>Which snapshot columns are features: every column but key, target and date, narrowed by the rules.</summary>
public static class FeatureRules
{
    public static IReadOnlyList<string> Select(ScoreDefinition definition, IReadOnlyList<string> columns)
    {
        foreach (var rule in definition.FeatureInclude.Concat(definition.FeatureExclude))
        {
            if (!rule.Contains('*', StringComparison.Ordinal) && !rule.Contains('?', StringComparison.Ordinal)
                && !columns.Contains(rule, StringComparer.OrdinalIgnoreCase))
            {
                throw new CockpitValidationException(
                    $"The feature rule '{rule}' names no column of the snapshot. Its columns are: {string.Join(", ", columns)}.");
            }
        }

        string[] reserved = [definition.KeyColumn, definition.TargetColumn, definition.ReferenceDateColumn];
        return columns
            .Where(c => !reserved.Contains(c, StringComparer.OrdinalIgnoreCase))
            .Where(c => definition.FeatureInclude.Count == 0 || definition.FeatureInclude.Any(r => Matches(r, c)))
            .Where(c => !definition.FeatureExclude.Any(r => Matches(r, c)))
            .ToList();
    }

    public static bool Matches(string pattern, string column) =>
        Regex.IsMatch(column, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal)
            .Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
}
