namespace ScoreCockpit.Engine.Storage;

/// <summary>
/// A problem with how ScoreCockpit was started (data folder, store connection) that a person must fix.
/// The message is written for that person: it names the thing and says what to do.
/// </summary>
public sealed class CockpitSetupException(string message, Exception? inner = null) : Exception(message, inner);
