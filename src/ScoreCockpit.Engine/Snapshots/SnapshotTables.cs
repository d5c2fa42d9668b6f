using System.Globalization;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>Where a snapshot lives in the warehouse: one table per score and reference date.</summary>
public static class SnapshotTables
{
    public static string For(string scoreName, DateOnly referenceDate) =>
        $"snap_{scoreName.Replace('-', '_')}_{referenceDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    public static string Staging(string table) => table + "_stg";
}
