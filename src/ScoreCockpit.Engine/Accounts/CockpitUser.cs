using Microsoft.AspNetCore.Identity;

namespace ScoreCockpit.Engine.Accounts;

/// <summary>A person who signs in to the portal.</summary>
public sealed class CockpitUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    /// <summary>The language the person chose from the user menu (en, fr); null follows the browser.</summary>
    public string? Language { get; set; }

    /// <summary>When an Admin disabled the account (UTC); null while it may sign in.</summary>
    public DateTime? DisabledAt { get; set; }
}
