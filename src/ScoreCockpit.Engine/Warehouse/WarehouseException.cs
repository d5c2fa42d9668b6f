namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// The warehouse refused or failed: the message carries the warehouse's own words (and line, when it
/// gives one) so an analyst can fix the SQL or the connection.
/// </summary>
public sealed class WarehouseException(string message, Exception? inner = null) : Exception(message, inner);
