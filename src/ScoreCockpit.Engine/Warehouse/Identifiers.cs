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

    /// <summary>
    /// The unqualified name to give <paramref name="staging"/> so it takes the place of <paramref name="target"/>.
    /// A rename keeps a table in its schema, so both must name the same schema, or both none.
    /// </summary>
    public static string RenamedName(string staging, string target)
    {
        var from = Validate(staging, "staging table");
        var to = Validate(target, "target table");
        if (from.Length != to.Length || (from.Length == 2 && !string.Equals(from[0], to[0], StringComparison.Ordinal)))
        {
            throw new CockpitValidationException(
                $"The staging table '{staging}' and the target table '{target}' must be in the same schema: " +
                "a rename cannot move a table to another schema.");
        }

        return to[^1];
    }

    // \z, not $: in .NET '$' also matches before a final newline, which would let "scores\n" through.
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?\\z")]
    private static partial Regex Shape();
}
