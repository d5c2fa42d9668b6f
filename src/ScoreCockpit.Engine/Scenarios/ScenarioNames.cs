using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scenarios;

public static partial class ScenarioNames
{
    public static string Validate(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return Shape().IsMatch(trimmed)
            ? trimmed
            : throw new CockpitValidationException(
                $"The scenario name '{name}' is not allowed: use lower-case letters, digits and dashes, start with a letter, at most 64 characters (for example 'churn-application').");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex Shape();
}
