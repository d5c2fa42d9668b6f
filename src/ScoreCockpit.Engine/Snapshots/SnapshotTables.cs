using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>Where a snapshot lives in the warehouse: one table per score and reference date.</summary>
public static class SnapshotTables
{
    /// <summary>
    /// PostgreSQL keeps only the first 63 bytes of an identifier, so a snapshot table's name, with the staging suffix,
    /// stays within 63 characters: otherwise two dates of a long-named score (or a table and its staging copy) would
    /// silently be the same table.
    /// </summary>
    public const int MaxLength = 63 - 4; // 4: the length of "_stg"

    private const string StagingSuffix = "_stg";

    public static string For(string scoreName, DateOnly referenceDate)
    {
        var name = scoreName.Replace('-', '_');
        var date = referenceDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var table = $"snap_{name}_{date}";
        if (table.Length <= MaxLength)
        {
            return table;
        }

        // A long name is shortened and made unique again by a hash of the whole score name.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scoreName)))[..8];
        var keep = MaxLength - "snap_".Length - 1 - hash.Length - 1 - date.Length;
        return $"snap_{name[..keep]}_{hash}_{date}";
    }

    public static string Staging(string table) => table + StagingSuffix;

    /// <summary>The scratch table a label refresh reads the new target into; as long as the staging name.</summary>
    public static string Labels(string table) => table + "_lbl";
}
