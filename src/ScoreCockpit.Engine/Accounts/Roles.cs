namespace ScoreCockpit.Engine.Accounts;

/// <summary>
/// The three roles. They are separate on purpose: reading, changing what runs in production,
/// and administering people are different responsibilities.
/// </summary>
public static class Roles
{
    /// <summary>Reads reports and downloads Excel.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Manages scores, runs scenarios, promotes versions.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Manages users, connections and settings.</summary>
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Analyst, Admin];

    public static string? Normalize(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Known role names, de-duplicated and in canonical case; an unknown or empty list is refused.</summary>
    public static List<string> Parse(IEnumerable<string> requested)
    {
        var roles = new List<string>();
        foreach (var role in requested)
        {
            var known = Normalize(role)
                ?? throw new CockpitValidationException($"Unknown role '{role}'. Use {string.Join(", ", All)}.");
            if (!roles.Contains(known))
            {
                roles.Add(known);
            }
        }

        return roles.Count > 0
            ? roles
            : throw new CockpitValidationException($"Give the user at least one role: {string.Join(", ", All)}.");
    }
}
