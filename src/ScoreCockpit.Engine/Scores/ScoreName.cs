using System.Text.RegularExpressions;

namespace ScoreCockpit.Engine.Scores;

/// <summary>
/// Score names become parts of table names and URLs, so they are kept to a safe shape:
/// lower-case letters, digits and dashes, starting with a letter.
/// </summary>
public static partial class ScoreName
{
    public const int MaxLength = 64;

    public static string Validate(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new Accounts.CockpitValidationException("Give the score a name, for example 'churn'.");
        }

        if (trimmed.Length > MaxLength || !Shape().IsMatch(trimmed))
        {
            throw new Accounts.CockpitValidationException(
                $"The score name '{trimmed}' is not allowed: use lower-case letters, digits and dashes, " +
                $"start with a letter, at most {MaxLength} characters (for example 'cross-sell').");
        }

        return trimmed;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Shape();
}
