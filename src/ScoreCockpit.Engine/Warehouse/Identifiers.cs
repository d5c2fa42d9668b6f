using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// Identifiers reach SQL text unbound, so they are held to a strict shape: letters, digits and
/// underscores, starting with a letter or underscore, optionally one schema prefix.
/// </summary>
public static partial class Identifiers
{
    public const int MaxLength = 128;

    public static bool IsValid(string? identifier) =>
        identifier is not null && identifier.Length <= MaxLength && Shape().IsMatch(identifier);

    /// <summary>The identifier split on its schema dot, or a clear refusal naming what is wrong.</summary>
    public static string[] Validate(string? identifier, string what = "identifier")
    {
        if (!IsValid(identifier))
        {
            throw new CockpitValidationException(
                $"The {what} '{identifier}' is not allowed: use letters, digits and underscores, starting with a letter " +
                $"(optionally schema.table), at most {MaxLength} characters.");
        }

        return identifier!.Split('.');
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex Shape();
}
