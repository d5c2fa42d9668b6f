namespace ScoreCockpit.Web.Components.Shared;

/// <summary>How much of an instant a <see cref="LocalTime"/> shows.</summary>
public enum TimeShown
{
    /// <summary>Day and time to the minute.</summary>
    Moment,

    /// <summary>The day alone.</summary>
    Day,

    /// <summary>Day and time to the second (audit log, run start and end).</summary>
    Precise,

    /// <summary>The time of day alone.</summary>
    TimeOfDay,
}
