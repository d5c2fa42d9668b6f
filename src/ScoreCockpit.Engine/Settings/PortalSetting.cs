namespace ScoreCockpit.Engine.Settings;

/// <summary>A setting Admins change in the portal (not in configuration files), as stored.</summary>
public sealed class PortalSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
