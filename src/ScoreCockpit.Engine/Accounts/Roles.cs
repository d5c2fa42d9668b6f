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
}
