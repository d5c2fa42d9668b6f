using Microsoft.AspNetCore.Identity;

namespace ScoreCockpit.Engine.Accounts;

/// <summary>A person who signs in to the portal.</summary>
public sealed class CockpitUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}
