using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Variables;

public static partial class VariableNames
{
    public static string Validate(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return Shape().IsMatch(trimmed)
            ? trimmed
            : throw new CockpitValidationException(
                $"The variable name '{name}' is not allowed: use lower-case letters, digits and underscores, starting with a letter.");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex Shape();
}
